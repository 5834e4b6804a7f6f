// PLACEHOLDER: being written (reference kernel). Throws until then.
export function maxPool2d(..._args: unknown[]): { y: Float32Array; argmax: Int32Array } {
  throw new Error('maxPool2d: not implemented yet');
}
export function maxPool2dGrad(..._args: unknown[]): Float32Array {
  throw new Error('maxPool2dGrad: not implemented yet');
}
