import seedrandom from 'seedrandom';
import { checkGradients, Tensor } from '@strata/core';
import { deserializeLayer, type Layer, type LayerShape } from '../../src';

export function randomInput(shape: number[], seed: string | number, gap = 0.05): Tensor {
  const rng = seedrandom(String(seed));
  const n = shape.reduce((a, b) => a * b, 1);
  const v = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let x = rng() * 2 - 1;
    if (Math.abs(x) < gap) x += x < 0 ? -gap : gap;
    v[i] = x;
  }
  const t = new Tensor(v, shape, 'float32');
  t.requiresGrad = true;
  return t;
}

export interface LayerTestSpec {
  inputShape: number[];
  expectedOutputShape: LayerShape;
  expectedTrainableWeights: number;
  expectedNonTrainableWeights?: number;
  /** Run finite-difference checks on the input and every trainable weight (training mode). */
  gradients?: boolean;
  training?: boolean;
  gradOptions?: { rtol?: number; atol?: number; eps?: number };
}

/**
 * One call checks what every layer must do (Keras's run_layer_test): output shape from `apply`
 * equals `computeOutputShape`, weight counts, config round trip through the registry, and
 * gradients w.r.t. the input and each trainable weight against finite differences.
 */
export function runLayerTest(make: () => Layer, spec: LayerTestSpec): Layer {
  const layer = make();
  const x = randomInput(spec.inputShape, 'layer-input');
  const y = layer.apply(x, { training: spec.training ?? false });
  expect(y.shape).toEqual(spec.expectedOutputShape.map((d, i) => (d === null ? spec.inputShape[i] : d)));
  expect(layer.computeOutputShape([null, ...spec.inputShape.slice(1)])).toEqual(spec.expectedOutputShape);
  expect(layer.trainableWeights.length).toBe(spec.expectedTrainableWeights);
  expect(layer.nonTrainableWeights.length).toBe(spec.expectedNonTrainableWeights ?? 0);

  const config = layer.getConfig();
  const clone = deserializeLayer({ className: layer.className, config: { ...config, name: `${layer.name}_clone` } });
  expect({ ...clone.getConfig(), name: layer.name }).toEqual(config);
  clone.ensureBuilt([null, ...spec.inputShape.slice(1)]);
  clone.setWeights(layer.getWeights());
  const yClone = clone.apply(x.detach(), { training: false });
  const yRef = layer.apply(x.detach(), { training: false });
  expect(Array.from(yClone.dataSync())).toEqual(Array.from(yRef.dataSync()));

  if (spec.gradients ?? true) {
    const params = [x, ...layer.trainableWeights];
    const report = checkGradients(() => layer.apply(x, { training: spec.training ?? false }), params, spec.gradOptions);
    expect(report.checked).toBeGreaterThan(0);
  }
  return layer;
}

/** Direct-loop NHWC convolution, the oracle for Conv2D (padTop/padLeft as TensorFlow's SAME). */
export function naiveConv2d(
  x: Tensor, w: Tensor, stride: [number, number], dilation: [number, number], pad: [number, number], out: [number, number],
): Float32Array {
  const [n, h, wd, c] = x.shape;
  const [kh, kw, , f] = w.shape;
  const xv = x.values;
  const wv = w.values;
  const y = new Float32Array(n * out[0] * out[1] * f);
  for (let b = 0; b < n; b++) for (let oy = 0; oy < out[0]; oy++) for (let ox = 0; ox < out[1]; ox++) for (let o = 0; o < f; o++) {
    let s = 0;
    for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) {
      const iy = oy * stride[0] + i * dilation[0] - pad[0];
      const ix = ox * stride[1] + j * dilation[1] - pad[1];
      if (iy < 0 || iy >= h || ix < 0 || ix >= wd) continue;
      for (let ci = 0; ci < c; ci++) s += xv[((b * h + iy) * wd + ix) * c + ci] * wv[((i * kw + j) * c + ci) * f + o];
    }
    y[((b * out[0] + oy) * out[1] + ox) * f + o] = s;
  }
  return y;
}

export function expectAllClose(a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-5): void {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
  expect(worst).toBeLessThanOrEqual(tol);
}
