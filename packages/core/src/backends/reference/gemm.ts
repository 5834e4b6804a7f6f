// PLACEHOLDER: being written (reference kernel). Throws until then.
export function matMul(..._args: unknown[]): Float32Array {
  throw new Error('matMul: not implemented yet');
}
