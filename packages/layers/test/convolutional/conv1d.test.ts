import { setSeed, ShapeError, ValueError, tensor, type Tensor } from '@strata/core';
import { Conv1D, deserializeLayer } from '../../src';
import { expectAllClose, randomInput, runLayerTest } from '../helpers/layer_test';

/** Direct-loop 1D convolution over [batch, steps, channels], kernel [k, in, filters]; `padBefore` zeros before the first step. */
function naiveConv1d(x: Tensor, w: Tensor, stride: number, dilation: number, padBefore: number, out: number): Float32Array {
  const [n, steps, c] = x.shape;
  const [k, , f] = w.shape;
  const y = new Float32Array(n * out * f);
  for (let b = 0; b < n; b++) for (let t = 0; t < out; t++) for (let o = 0; o < f; o++) {
    let s = 0;
    for (let i = 0; i < k; i++) {
      const at = t * stride + i * dilation - padBefore;
      if (at < 0 || at >= steps) continue;
      for (let ci = 0; ci < c; ci++) s += x.values[(b * steps + at) * c + ci] * w.values[(i * c + ci) * f + o];
    }
    y[(b * out + t) * f + o] = s;
  }
  return y;
}

// Seeded initial weights: a finite-difference step across the fused relu's kink would make the
// gradient check depend on the draw.
beforeEach(() => setSeed('conv1d-test'));

describe('Conv1D', () => {
  test.each([
    // [name, options, steps, expected length, padBefore]
    ['valid', { kernelSize: 3 }, 9, 7, 0],
    ['valid, stride 2, dilation 1', { kernelSize: 3, strides: 2 }, 10, 4, 0],
    ['same, odd length, stride 2 (the extra pad after, as TensorFlow)', { kernelSize: 4, strides: 2, padding: 'same' }, 9, 5, 1],
    ['same, dilation 2', { kernelSize: 3, dilationRate: 2, padding: 'same' }, 8, 8, 2],
    ['causal (left pad (k - 1) * d)', { kernelSize: 3, padding: 'causal' }, 7, 7, 2],
    ['causal, dilation 2', { kernelSize: 2, dilationRate: 2, padding: 'causal' }, 6, 6, 2],
    ['causal, stride 2', { kernelSize: 3, strides: 2, padding: 'causal' }, 7, 4, 2],
  ] as const)('forward equals a direct loop: %s', (_name, options, steps, length, padBefore) => {
    const layer = new Conv1D({ filters: 3, ...options, biasInitializer: 'randomNormal' });
    const x = randomInput([2, steps, 2], `conv1d ${steps}`);
    const y = layer.apply(x);
    expect(y.shape).toEqual([2, length, 3]);
    const conv = naiveConv1d(x, layer.kernel!, layer.strides, layer.dilationRate, padBefore, length);
    const bias = layer.bias!.values;
    expectAllClose(y.dataSync(), conv.map((v, i) => v + bias[i % 3]), 1e-5);
  });

  test('causal: output step t depends on input steps up to t only', () => {
    const layer = new Conv1D(2, 3, { padding: 'causal', dilationRate: 2 });
    const x = randomInput([1, 8, 1], 'causal');
    const before = layer.apply(x).dataSync().slice();
    const changed = x.values.slice() as Float32Array;
    changed[5] += 1; // step 5
    const after = layer.apply(tensor(changed, [1, 8, 1])).dataSync();
    expect(Array.from(after.slice(0, 10))).toEqual(Array.from(before.slice(0, 10))); // steps 0..4 unchanged
    expect(after[10]).not.toBe(before[10]);
  });

  test('layer contract: valid / same / causal, strides, dilation, fused relu', () => {
    runLayerTest(() => new Conv1D(3, 3, { activation: 'relu' }), { inputShape: [2, 7, 2], expectedOutputShape: [null, 5, 3], expectedTrainableWeights: 2 });
    runLayerTest(() => new Conv1D({ filters: 2, kernelSize: 2, strides: 2, padding: 'same', activation: 'tanh' }), { inputShape: [1, 7, 3], expectedOutputShape: [null, 4, 2], expectedTrainableWeights: 2 });
    runLayerTest(() => new Conv1D({ filters: 2, kernelSize: [3], dilationRate: 2, padding: 'causal', useBias: false }), { inputShape: [2, 6, 2], expectedOutputShape: [null, 6, 2], expectedTrainableWeights: 1 });
  });

  test('Keras kernel layout [kernelSize, inChannels, filters], parameter count, config as TensorFlow.js writes it', () => {
    const layer = new Conv1D(16, 3, { padding: 'causal', inputShape: [20, 4], name: 'c1' });
    layer.ensureBuilt(layer.batchInputShape!);
    expect(layer.kernel!.shape).toEqual([3, 4, 16]);
    expect(layer.countParams()).toBe(3 * 4 * 16 + 16);
    const config = layer.getConfig();
    expect(config).toMatchObject({ filters: 16, kernelSize: [3], strides: [1], padding: 'causal', dilationRate: [1], activation: 'linear', useBias: true });
    expect(config).not.toHaveProperty('dataFormat');
    expect(deserializeLayer({ className: 'Convolution1D', config: { ...config, name: 'c1_copy' } })).toBeInstanceOf(Conv1D);
  });

  test('invalid configs and inputs throw naming the layer, before any weight exists', () => {
    expect(() => new Conv1D({ filters: 0, kernelSize: 3, name: 'c' })).toThrow(new ValueError("Conv1D 'c': filters must be a positive integer, got 0"));
    expect(() => new Conv1D({ filters: 2, kernelSize: [3, 3] as never, name: 'c' })).toThrow(new ValueError("Conv1D 'c': kernelSize must be a positive integer or an array of one, got [3,3]"));
    expect(() => new Conv1D(2, 3, { padding: 'full' as never, name: 'c' })).toThrow(new ValueError("Conv1D 'c': padding must be 'valid', 'same' or 'causal', got \"full\""));
    expect(() => new Conv1D(2, 3, { strides: 2, dilationRate: 2, name: 'c' })).toThrow(new ValueError("Conv1D 'c': strides > 1 cannot be combined with dilationRate > 1, got strides [2] and dilationRate [2]"));
    expect(() => new Conv1D(2, 3, { kernel_size: 3 } as never)).toThrow(/Conv1D: unknown option 'kernel_size'/);
    const layer = new Conv1D(2, 4, { name: 'cc' });
    expect(() => layer.apply(randomInput([1, 3, 1], 1))).toThrow(new ShapeError("Conv1D 'cc': the kernel of size 4 is larger than its valid-padded input [null, 3, 1]"));
    expect(layer.weights).toHaveLength(0);
    expect(() => layer.apply(randomInput([1, 5, 5, 1], 1))).toThrow(new ShapeError("Conv1D 'cc': expected input of rank 3 [batch, steps, channels] with known channels, got [null, 5, 5, 1]"));
    expect(layer.weights).toHaveLength(0);
  });
});
