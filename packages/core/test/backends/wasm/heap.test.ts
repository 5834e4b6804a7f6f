import { BackendError, wasmBackend } from '../../../src';
import { getRuntime } from '../../../src/backends/wasm/runtime';
import { makeConv2dInfo, makePool2dInfo } from '../../helpers/naive_kernels';
import { randomArray } from '../../helpers/wasm_setup';
import { convFilterGrad, convInputGrad } from '../../helpers/conv_grads';

it('keeps the heap at its first-call size over many training-like steps', () => {
  const conv = makeConv2dInfo({ batch: 2, inHeight: 12, inWidth: 12, inChannels: 8, outChannels: 16, kernelHeight: 3, kernelWidth: 3, padding: 'valid' });
  const pool = makePool2dInfo({ batch: 2, inHeight: 10, inWidth: 10, channels: 16, poolHeight: 2, poolWidth: 2, padding: 'valid' });
  const x = randomArray(2 * 12 * 12 * 8, 'x');
  const w = randomArray(9 * 8 * 16, 'w');
  const dy = randomArray(2 * 10 * 10 * 16, 'dy');
  const dense = randomArray(64 * 100, 'dense');
  const step = (): void => {
    const y = wasmBackend.conv2d(x, w, conv, null, 'relu');
    wasmBackend.maxPool2d(y, pool);
    wasmBackend.matMul(y.subarray(0, 64 * 25), dense, 1, 64, 64, 25, false, true);
    convInputGrad(wasmBackend, dy, w, conv);
    convFilterGrad(wasmBackend, x, dy, conv);
  };
  step();
  const size = getRuntime().heap.size;
  for (let i = 0; i < 300; i++) step();
  expect(getRuntime().heap.size).toBe(size);
});

it('reports a heap that cannot grow as a BackendError naming the size', () => {
  const heap = getRuntime().heap;
  heap.reset();
  expect(() => heap.alloc(2 ** 33)).toThrow(BackendError);
  expect(() => heap.alloc(2 ** 33)).toThrow(/8589934592 bytes/);
});
