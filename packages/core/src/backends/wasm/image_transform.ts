import type { ImageTransformInfo } from '../backend';
import * as J from './job_layout';
import { getRuntime } from './runtime';

/** Below this many values a transform stays on the main thread. */
const PARALLEL_MIN_VALUES = 1 << 16;

/** Fill modes as the kernel numbers them (assembly/f32_image_transform_wasm.ts). */
const FILL_CODES: Record<ImageTransformInfo['fillMode'], number> = { constant: 0, nearest: 1, wrap: 2, reflect: 3 };

/** Writes the job both directions share; returns the heap offset of the output. */
function setUpJob(input: Float32Array, transforms: Float64Array, info: ImageTransformInfo, inputField: number): number {
  const rt = getRuntime();
  const heap = rt.heap;
  heap.reset();
  const outPtr = heap.alloc(input.length * 4); // first: the result needs no move
  const inPtr = heap.input(input);
  const paramsPtr = heap.alloc((1 + transforms.length) * 8);
  const params = new Float64Array(heap.memory.buffer, paramsPtr, 1 + transforms.length);
  params[0] = info.fillValue;
  params.set(transforms, 1);
  const job = rt.newJob();
  job[inputField] = inPtr;
  job[J.J_OUT_PTR] = outPtr;
  job[J.J_A_PTR] = paramsPtr;
  [job[J.J_SRC_H], job[J.J_SRC_W], job[J.J_SRC_C]] = [info.height, info.width, info.channels];
  job[J.J_FLAGS] = (info.interpolation === 'nearest' ? 1 : 0) | (FILL_CODES[info.fillMode] << 1);
  return outPtr;
}

/** Backend.imageTransform in wasm: one task per output row, the reference's float64 arithmetic. */
export function imageTransform(x: Float32Array, transforms: Float64Array, info: ImageTransformInfo): Float32Array {
  const rt = getRuntime();
  const outPtr = setUpJob(x, transforms, info, J.J_X_PTR);
  rt.job[J.J_NTASKS] = info.batch * info.height;
  rt.run(J.OP_IMAGE_TRANSFORM, x.length >= PARALLEL_MIN_VALUES);
  return rt.heap.resultF32(outPtr, x.length);
}

/** Backend.imageTransformGrad in wasm: one task per image, its pixels scattered in the reference's order. */
export function imageTransformGrad(dy: Float32Array, transforms: Float64Array, info: ImageTransformInfo): Float32Array {
  const rt = getRuntime();
  const outPtr = setUpJob(dy, transforms, info, J.J_DY_PTR);
  rt.job[J.J_NTASKS] = info.batch;
  rt.run(J.OP_IMAGE_TRANSFORM_GRAD, info.batch > 1 && dy.length >= PARALLEL_MIN_VALUES);
  return rt.heap.resultF32(outPtr, dy.length);
}
