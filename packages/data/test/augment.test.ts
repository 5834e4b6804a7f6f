import { tensor, type Tensor, ValueError } from '@strata/core';
import { augmentImages, makeAugmentedDataset } from '@strata/data';

/** n images h x w x c with distinct, position-dependent values. */
function images(n: number, h: number, w: number, c = 1): Tensor {
  const v = new Float32Array(n * h * w * c);
  for (let i = 0; i < v.length; i++) v[i] = (i % 97) / 97;
  return tensor(v, [n, h, w, c]);
}

function sameValues(a: Tensor, b: Tensor): boolean {
  return a.values.length === b.values.length && a.values.every((v, i) => v === b.values[i]);
}

describe('augmentImages', () => {
  const x = images(8, 12, 10, 2);
  const all = { flip: true, shift: 0.1, rotation: 15, zoom: 0.1 };

  it('keeps the shape, returns a new float32 tensor, and is deterministic per seed', () => {
    const a = augmentImages(x, { ...all, seed: 1 });
    expect(a.shape).toEqual(x.shape);
    expect(a.dtype).toBe('float32');
    expect(a).not.toBe(x);
    expect(sameValues(a, augmentImages(x, { ...all, seed: 1 }))).toBe(true);
    expect(sameValues(a, augmentImages(x, { ...all, seed: 2 }))).toBe(false);
    expect(sameValues(a, x)).toBe(false);
  });

  it('is the identity with no augmentation asked', () => {
    expect(sameValues(augmentImages(x, { seed: 3 }), x)).toBe(true);
  });

  it('mirrors images left-right when flipping, and leaves the others untouched', () => {
    const flipped = augmentImages(x, { flip: true, seed: 5 });
    const [n, h, w, c] = x.shape;
    const plane = h * w * c;
    let mirrored = 0;
    for (let i = 0; i < n; i++) {
      const at = (t: Tensor, yy: number, xx: number, k: number) => t.values[i * plane + (yy * w + xx) * c + k];
      const isMirror = at(flipped, 3, 0, 1) === at(x, 3, w - 1, 1) && at(flipped, 7, 2, 0) === at(x, 7, w - 3, 0);
      const isSame = at(flipped, 3, 0, 1) === at(x, 3, 0, 1) && at(flipped, 7, 2, 0) === at(x, 7, 2, 0);
      expect(isMirror || isSame).toBe(true);
      if (isMirror) mirrored++;
    }
    // A fair coin per image: with 8 images, all-or-nothing would mean flip is not random per image.
    expect(mirrored).toBeGreaterThan(0);
    expect(mirrored).toBeLessThan(n);
  });

  it('shifts content: a bright dot moves by at most the shift range', () => {
    const v = new Float32Array(20 * 20);
    v[10 * 20 + 10] = 1;
    const dot = tensor(v, [1, 20, 20, 1]);
    const moved = augmentImages(dot, { shift: 0.1, seed: 11 });
    let best = 0;
    for (let i = 1; i < 400; i++) if (moved.values[i] > moved.values[best]) best = i;
    const dy = Math.floor(best / 20) - 10, dx = (best % 20) - 10;
    expect(Math.max(Math.abs(dx), Math.abs(dy))).toBeLessThanOrEqual(2);
    expect(moved.values[10 * 20 + 10]).toBeLessThan(1);
  });

  it('rejects non-NHWC input and out-of-range options', () => {
    expect(() => augmentImages(tensor([1, 2], [2]))).toThrow(/NHWC/);
    expect(() => augmentImages(x, { zoom: 1 })).toThrow(ValueError);
    expect(() => augmentImages(x, { rotation: -5 })).toThrow(/rotation must be in \[0, 180\] degrees, got -5/);
  });
});

describe('makeAugmentedDataset', () => {
  const x = images(10, 6, 6);
  const y = tensor(Int32Array.from({ length: 10 }, (_, i) => i), [10], { dtype: 'int32' });
  const options = { batchSize: 4, epochsSeed: 7, flip: true, shift: 0.1 };

  async function collect(ds: AsyncIterable<{ xs: Tensor; ys: Tensor }>) {
    const out: { xs: Tensor; ys: Tensor }[] = [];
    for await (const b of ds) out.push(b);
    return out;
  }

  it('yields ceil(n / batchSize) batches per epoch with the right shapes and every label once', async () => {
    const ds = makeAugmentedDataset(x, y, options);
    expect(ds.size).toBe(10);
    expect(ds.batchesPerEpoch).toBe(3);
    const batches = await collect(ds);
    expect(batches.map((b) => b.xs.shape)).toEqual([[4, 6, 6, 1], [4, 6, 6, 1], [2, 6, 6, 1]]);
    expect(batches.map((b) => b.ys.shape)).toEqual([[4], [4], [2]]);
    const seen = batches.flatMap((b) => Array.from(b.ys.values)).sort((a, b) => a - b);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('drops the short last batch with dropRemainder', async () => {
    const ds = makeAugmentedDataset(x, y, { ...options, dropRemainder: true });
    expect(ds.batchesPerEpoch).toBe(2);
    expect((await collect(ds)).map((b) => b.xs.shape[0])).toEqual([4, 4]);
  });

  it('gives a new order each iteration (epoch), reproducible per epoch and seed', async () => {
    const ds = makeAugmentedDataset(x, y, options);
    const order = (bs: { ys: Tensor }[]) => bs.flatMap((b) => Array.from(b.ys.values));
    const e0 = await collect(ds);
    const e1 = await collect(ds);
    expect(order(e1)).not.toEqual(order(e0));
    const again = await collect(makeAugmentedDataset(x, y, options).epoch(1));
    expect(order(again)).toEqual(order(e1));
    expect(again.every((b, i) => sameValues(b.xs, e1[i].xs))).toBe(true);
  });

  it('rejects mismatched rows and a bad batch size', () => {
    expect(() => makeAugmentedDataset(x, tensor([1, 2], [2]), options)).toThrow(/one row per image/);
    expect(() => makeAugmentedDataset(x, y, { ...options, batchSize: 0 })).toThrow(/batchSize must be a positive integer/);
    expect(() => makeAugmentedDataset(x, y, options).epoch(-1)).toThrow(/epoch must be a non-negative integer, got -1/);
  });
});
