import { checkGradients, ShapeError, tensor, ValueError, type Tensor } from '@strata/core';
import { hasRngState, RandomFlip, RandomRotation, RandomTranslation, RandomZoom, type RandomImageLayer } from '../../src';
import { randomInput, runLayerTest } from '../helpers/layer_test';

// What every random image layer must do, whatever its transform.
const makers: [string, (seed?: number) => RandomImageLayer][] = [
  ['RandomFlip', (seed) => new RandomFlip('horizontal', { seed })],
  ['RandomRotation', (seed) => new RandomRotation(0.2, { seed })],
  ['RandomZoom', (seed) => new RandomZoom(0.3, { seed })],
  ['RandomTranslation', (seed) => new RandomTranslation(0.2, 0.3, { seed })],
];

const values = (t: Tensor): number[] => Array.from(t.dataSync());

describe.each(makers)('%s', (_name, make) => {
  const x = randomInput([6, 5, 7, 2], 'random-image');

  it('is the identity at inference: the config round trip and the contract hold', () => {
    const layer = runLayerTest(() => make(3), { inputShape: [6, 5, 7, 2], expectedOutputShape: [null, 5, 7, 2], expectedTrainableWeights: 0 });
    expect(layer.apply(x, { training: false })).toBe(x);
  });

  it('in training, transforms each image by its own draw; the same seed draws the same', () => {
    const a = make(11), b = make(11);
    const y = a.apply(x, { training: true });
    expect(y.shape).toEqual(x.shape);
    expect(values(b.apply(x, { training: true }))).toEqual(values(y));
    expect(values(a.apply(x, { training: true }))).not.toEqual(values(y)); // the next batch draws anew
    const plane = 5 * 7 * 2;
    const images = Array.from({ length: 6 }, (_, i) => values(y).slice(i * plane, (i + 1) * plane).join());
    expect(new Set(images).size).toBeGreaterThan(1);
  });

  it('resumes exactly from a saved generator state', () => {
    const a = make(5);
    a.apply(x, { training: true });
    expect(hasRngState(a)).toBe(true);
    const state = a.getRngState();
    const next = values(a.apply(x, { training: true }));
    const b = make(99);
    b.setRngState(state);
    expect(values(b.apply(x, { training: true }))).toEqual(next);
    expect(() => b.setRngState({ c: 1, s0: 2, s1: 0, s2: 0 })).toThrow(/setRngState: expected a generator state/);
  });

  it('passes the gradient through the resampling in training (the exact adjoint, checked by finite differences)', () => {
    const layer = make(7);
    const start = layer.getRngState();
    const xs = randomInput([2, 4, 5, 1], 'grad-input');
    const report = checkGradients(() => {
      layer.setRngState(start); // the same transforms at every evaluation
      return layer.apply(xs, { training: true });
    }, [xs]);
    expect(report.checked).toBeGreaterThan(0);
  });

  it('rejects input that is not a batch of images, and a bad seed', () => {
    expect(() => make(1).apply(tensor([1, 2, 3, 4], [2, 2]), { training: true })).toThrow(ShapeError);
    expect(() => make(1.5)).toThrow(ValueError);
  });
});
