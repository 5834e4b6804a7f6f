// The conv input and filter gradients alone, through the one backward kernel ops call
// (Backend.conv2dBackward), for kernel tests that check each gradient separately.
import type { Backend, Conv2dInfo } from '../../src';

const NONE = new Float32Array(0);

export function convInputGrad(backend: Backend, dy: Float32Array, w: Float32Array, info: Conv2dInfo): Float32Array {
  return backend.conv2dBackward(NONE, w, dy, null, info, { input: true, filter: false, bias: false }, 'linear').dx as Float32Array;
}

export function convFilterGrad(backend: Backend, x: Float32Array, dy: Float32Array, info: Conv2dInfo): Float32Array {
  return backend.conv2dBackward(x, NONE, dy, null, info, { input: false, filter: true, bias: false }, 'linear').dw as Float32Array;
}
