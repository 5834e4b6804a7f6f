import {
  getBackend, getWasmKernelVariant, randomNormal, registerBackend, referenceBackend, setBackend, setSeed,
  setWasmKernelVariant, ShapeError, tensor, ValueError, wasmFeatures, type Tensor,
} from '@strata/core';
import { BatchNormalization, Conv2D, Dense, Flatten, Layer, MaxPooling2D, registerLayer, type LayerShape } from '@strata/layers';
import { Sequential } from '@strata/models';
import { articleModel } from '../helpers/article_model';
import { blobs, classifier } from '../helpers/models';

const bits = (t: Tensor) => Buffer.from(t.f32.buffer, t.f32.byteOffset, t.f32.byteLength);
const expectSameBits = (a: Tensor, b: Tensor) => {
  expect(a.shape).toEqual(b.shape);
  expect(bits(a).equals(bits(b))).toBe(true);
};

/** A small CNN whose conv and dense kernels run through every backend's GEMM. */
function smallCnn(): Sequential {
  return new Sequential({
    layers: [
      new Conv2D({ filters: 6, kernelSize: [3, 3], activation: 'relu', inputShape: [10, 10, 2] }),
      new MaxPooling2D({ poolSize: [2, 2] }),
      new Flatten(),
      new Dense({ units: 5, activation: 'softmax' }),
    ],
  });
}

const initialBackend = getBackend().name;
afterEach(() => setBackend(initialBackend));

describe('predictAsync gives predict\'s result, bit for bit', () => {
  test.each(['reference', 'wasm'])('on the %s backend, which the worker follows', async (backend) => {
    setBackend(backend);
    setSeed(3);
    const model = smallCnn();
    const x = randomNormal([70, 10, 10, 2], { seed: 4 });
    for (const batchSize of [32, 7]) expectSameBits(await model.predictAsync(x, { batchSize }), model.predict(x, { batchSize }));
  }, 60000);

  test('the worker switches backend and GEMM build with the caller (their results differ in the last bits)', async () => {
    setSeed(5);
    const model = smallCnn();
    const x = randomNormal([40, 10, 10, 2], { seed: 6 });
    const results: Record<string, Tensor> = {};
    const variants = wasmFeatures().relaxedSimd ? (['relaxedsimd', 'wasmsimd'] as const) : (['wasmsimd'] as const);
    const before = getWasmKernelVariant();
    try {
      for (const variant of variants) {
        setBackend('wasm');
        setWasmKernelVariant(variant);
        results[variant] = model.predict(x);
        expectSameBits(await model.predictAsync(x), results[variant]);
        setBackend('reference');
        results.reference = model.predict(x);
        expectSameBits(await model.predictAsync(x), results.reference);
      }
    } finally {
      setBackend('wasm');
      setWasmKernelVariant(before);
    }
    // Each equality above proves something only if the settings change the bits.
    expect(bits(results.reference).equals(bits(results[variants[0]]))).toBe(false);
    if (variants.length === 2) expect(bits(results.relaxedsimd).equals(bits(results.wasmsimd))).toBe(false);
  }, 60000);
});

describe('concurrent calls and changing weights', () => {
  test('concurrent calls each get their own result, computed with the weights at the time of the call', async () => {
    setSeed(7);
    const model = classifier();
    model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' });
    const { x, labels } = blobs(64, 8);
    const parts = [0, 1, 2, 3].map((i) => tensor(x.f32.slice(i * 64, (i + 1) * 64), [16, 4]));
    const first = parts.map((p) => model.predictAsync(p));
    const expectedFirst = parts.map((p) => model.predict(p));
    // Training in between: calls made after it see the new weights, calls made before do not.
    model.trainOnBatch(x, labels);
    const second = parts.map((p) => model.predictAsync(p, { batchSize: 5 }));
    const expectedSecond = parts.map((p) => model.predict(p, { batchSize: 5 }));
    const [a, b] = await Promise.all([Promise.all(first), Promise.all(second)]);
    a.forEach((t, i) => expectSameBits(t, expectedFirst[i]));
    b.forEach((t, i) => expectSameBits(t, expectedSecond[i]));
    expect(bits(a[0]).equals(bits(b[0]))).toBe(false);
  }, 60000);

  test('setWeights, fit and a rebuilt topology are all picked up', async () => {
    setSeed(9);
    const model = classifier();
    const { x, labels } = blobs(32, 10);
    expectSameBits(await model.predictAsync(x), model.predict(x));
    model.setWeights(model.getWeights().map((w) => tensor(w.f32.map((v) => v * 0.5), w.shape)));
    expectSameBits(await model.predictAsync(x), model.predict(x));
    model.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy' });
    await model.fit(x, labels, { epochs: 1, batchSize: 8, verbose: 0 });
    expectSameBits(await model.predictAsync(x), model.predict(x));
    model.pop();
    model.add(new Dense({ units: 2 }));
    const out = await model.predictAsync(x);
    expect(out.shape).toEqual([32, 2]);
    expectSameBits(out, model.predict(x));
  }, 60000);
});

test('moving statistics updated by a training-mode forward pass are picked up', async () => {
  setSeed(14);
  const model = new Sequential({ layers: [new Dense({ units: 3, inputShape: [4] }), new BatchNormalization()] });
  const { x } = blobs(16, 15);
  const before = await model.predictAsync(x);
  const mean = model.layers[1].weights.find((w) => w.name.endsWith('moving_mean'));
  const version = mean?.version;
  model.apply(x, { training: true });
  expect(mean?.version).toBe((version as number) + 1);
  const after = model.predict(x);
  expect(bits(after).equals(bits(before))).toBe(false);
  expectSameBits(await model.predictAsync(x), after);
}, 60000);

/** A layer class the worker does not know (registered in this thread only). */
class Doubler extends Layer {
  constructor(args: { name?: string }) {
    super(args, 'Doubler');
  }
  override call(x: Tensor): Tensor {
    return tensor(x.f32.map((v) => 2 * v), x.shape);
  }
  override computeOutputShape(s: LayerShape): LayerShape {
    return s;
  }
}
registerLayer('Doubler', (config) => new Doubler(config));

describe('errors', () => {
  const model = classifier();
  const x = blobs(4, 1).x;

  test('options are strict: an unknown key names predictAsync, the key and the valid key', async () => {
    await expect(model.predictAsync(x, { batch_size: 8 } as never)).rejects.toThrow(new ValueError("predictAsync: unknown option 'batch_size'. Did you mean 'batchSize'?"));
    await expect(model.predictAsync(x, { batchSize: 0 })).rejects.toThrow(ValueError);
    await expect(model.predictAsync(x, { verbose: 0 } as never)).rejects.toThrow(new ValueError("predictAsync: unknown option 'verbose'. Valid options: batchSize."));
    await expect(model.predictAsync(x, 16 as never)).rejects.toThrow(/predictAsync: expected an options object/);
  });

  test('bad inputs get the typed errors predict gives, checked before anything reaches the worker', async () => {
    await expect(model.predictAsync(new Float32Array(8) as never)).rejects.toThrow(new TypeError('predictAsync: x must be a Tensor or a nested array of numbers, got a Float32Array of 8 values without a shape; make a tensor with tensor(values, shape) from @strata/core, e.g. tensor(data, [samples, ...featureShape])'));
    await expect(model.predictAsync(tensor(1))).rejects.toThrow(new ShapeError('predictAsync: x needs a batch axis, got a scalar'));
    await expect(model.predictAsync(tensor(new Float32Array(0), [0, 4]))).rejects.toThrow(new ValueError('predictAsync: x holds no samples (shape [0, 4]); expected at least one, along the first axis'));
    // predict and predictAsync share these checks.
    expect(() => model.predict(new Float32Array(8) as never)).toThrow(new TypeError('predict: x must be a Tensor or a nested array of numbers, got a Float32Array of 8 values without a shape; make a tensor with tensor(values, shape) from @strata/core, e.g. tensor(data, [samples, ...featureShape])'));
    await expect(model.predictAsync(tensor([[1, 2, 3]]))).rejects.toThrow(/predictAsync: x has shape \[1, 3\] but Sequential '.*' expects input \(None, 4\)/);
    // A model without an input shape builds on first use: the layer that does not fit is named.
    const lazy = new Sequential({ layers: [new Conv2D({ filters: 2, kernelSize: [3, 3] }), new Dense({ units: 2 })] });
    const small = randomNormal([1, 2, 2, 1]);
    let syncError: unknown = null;
    try {
      lazy.predict(small);
    } catch (e) {
      syncError = e;
    }
    expect(syncError).toBeInstanceOf(ShapeError);
    await expect(lazy.predictAsync(small)).rejects.toThrow(new ShapeError((syncError as Error).message.replace(/^predict/, 'predictAsync')));
  });

  test('an error raised in the worker comes back with its class', async () => {
    const custom = new Sequential({ layers: [new Dense({ units: 3, inputShape: [4] }), new Doubler({ name: 'doubler' })] });
    const failure = custom.predictAsync(x);
    await expect(failure).rejects.toThrow(ValueError);
    await expect(failure).rejects.toThrow(/inference worker cannot rebuild the model .*class_name 'Doubler'/);
    // The model itself still predicts on this thread.
    expect(custom.predict(x).shape).toEqual([4, 3]);
  });

  test('a backend that only exists in this thread is refused', async () => {
    registerBackend('custom-reference', () => ({ ...referenceBackend, name: 'custom-reference' }));
    setBackend('custom-reference');
    await expect(model.predictAsync(x)).rejects.toThrow(/predictAsync: the active backend 'custom-reference' cannot run in the inference worker/);
  });
});

describe('the event loop stays free', () => {
  /** Counts the ticks of a 5 ms interval while `work` runs, and the longest gap between two. */
  async function ticksDuring(work: () => unknown): Promise<{ ticks: number; maxGap: number }> {
    let ticks = 0;
    let maxGap = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
      ticks++;
    }, 5);
    await new Promise((r) => setTimeout(r, 20));
    ticks = 0;
    maxGap = 0;
    last = performance.now();
    await work();
    maxGap = Math.max(maxGap, performance.now() - last);
    clearInterval(timer);
    return { ticks, maxGap };
  }

  test('a 5 ms interval keeps ticking through a batch-256 predict of the article model', async () => {
    setSeed(12);
    const model = articleModel();
    // The reference kernels are about 15x slower: a smaller batch shows the same on that backend.
    const n = getBackend().name === 'wasm' ? 256 : 16;
    const x = randomNormal([n, 48, 48, 1], { seed: 13 });
    await model.predictAsync(tensor(x.f32.slice(0, 48 * 48), [1, 48, 48, 1])); // starts the worker, sends the weights
    let expected: Tensor | null = null;
    const sync = await ticksDuring(() => (expected = model.predict(x, { batchSize: 256 })));
    let got: Tensor | null = null;
    const async = await ticksDuring(async () => (got = await model.predictAsync(x, { batchSize: 256 })));
    expectSameBits(got as unknown as Tensor, expected as unknown as Tensor);
    // Behavioural, not a timing budget: the synchronous predict holds the loop for its whole run
    // (no tick), the asynchronous one lets it tick all along. On an idle machine the longest gap
    // is about the 5 ms period (docs/benchmarks.md); the bound leaves room for a loaded CI box.
    expect(sync.ticks).toBeLessThanOrEqual(1);
    expect(async.ticks).toBeGreaterThanOrEqual(10);
    expect(async.maxGap).toBeLessThan(sync.maxGap / 4);
  }, 120000);
});
