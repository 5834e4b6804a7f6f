// PLACEHOLDER: being written (reference kernel). Throws until then.
export function conv2dFilterGrad(..._args: unknown[]): Float32Array {
  throw new Error('conv2dFilterGrad: not implemented yet');
}
