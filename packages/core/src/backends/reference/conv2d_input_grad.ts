// PLACEHOLDER: being written (reference kernel). Throws until then.
export function conv2dInputGrad(..._args: unknown[]): Float32Array {
  throw new Error('conv2dInputGrad: not implemented yet');
}
