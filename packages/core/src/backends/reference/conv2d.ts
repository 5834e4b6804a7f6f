// PLACEHOLDER: being written (reference kernel). Throws until then.
export function conv2d(..._args: unknown[]): Float32Array {
  throw new Error('conv2d: not implemented yet');
}
