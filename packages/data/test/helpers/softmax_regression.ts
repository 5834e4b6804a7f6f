/**
 * Multinomial logistic regression (a Dense softmax layer) on flat Float32Array features, trained
 * by mini-batch SGD with momentum on per-feature standardised inputs. Written without the
 * framework so the synthetic data's linear separability is measured independently of it.
 */
export interface LinearModel {
  predict(x: Float32Array, i: number): number;
}

export interface SoftmaxRegressionOptions {
  steps: number;
  batchSize: number;
  learningRate: number;
}

export function trainSoftmaxRegression(
  x: Float32Array, labels: Int32Array, classes: number, o: SoftmaxRegressionOptions,
): LinearModel {
  const n = labels.length, d = x.length / n;
  const mean = new Float32Array(d), inv = new Float32Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += x[i * d + j] / n;
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) inv[j] += (x[i * d + j] - mean[j]) ** 2 / n;
  for (let j = 0; j < d; j++) inv[j] = 1 / Math.sqrt(inv[j] + 1e-6);

  const w = new Float32Array(d * classes), b = new Float32Array(classes);
  const vw = new Float32Array(d * classes), vb = new Float32Array(classes);
  const gw = new Float32Array(d * classes), gb = new Float32Array(classes);
  const z = new Float64Array(classes), feat = new Float32Array(d);

  const features = (src: Float32Array, i: number): Float32Array => {
    for (let j = 0; j < d; j++) feat[j] = (src[i * d + j] - mean[j]) * inv[j];
    return feat;
  };
  const logits = (f: Float32Array): Float64Array => {
    for (let k = 0; k < classes; k++) z[k] = b[k];
    for (let j = 0; j < d; j++) {
      const v = f[j];
      for (let k = 0; k < classes; k++) z[k] += v * w[j * classes + k];
    }
    return z;
  };

  for (let step = 0; step < o.steps; step++) {
    gw.fill(0);
    gb.fill(0);
    for (let q = 0; q < o.batchSize; q++) {
      const i = (step * o.batchSize + q) % n;
      const f = features(x, i);
      const p = logits(f);
      let max = -Infinity, sum = 0;
      for (let k = 0; k < classes; k++) max = Math.max(max, p[k]);
      for (let k = 0; k < classes; k++) sum += (p[k] = Math.exp(p[k] - max));
      for (let k = 0; k < classes; k++) p[k] = (p[k] / sum - (k === labels[i] ? 1 : 0)) / o.batchSize;
      for (let k = 0; k < classes; k++) gb[k] += p[k];
      for (let j = 0; j < d; j++) for (let k = 0; k < classes; k++) gw[j * classes + k] += f[j] * p[k];
    }
    for (let j = 0; j < w.length; j++) w[j] += (vw[j] = 0.9 * vw[j] - o.learningRate * gw[j]);
    for (let k = 0; k < classes; k++) b[k] += (vb[k] = 0.9 * vb[k] - o.learningRate * gb[k]);
  }

  return {
    predict(src, i) {
      const p = logits(features(src, i));
      let best = 0;
      for (let k = 1; k < classes; k++) if (p[k] > p[best]) best = k;
      return best;
    },
  };
}

/** Fraction of rows of `x` whose prediction equals the label. */
export function accuracy(model: LinearModel, x: Float32Array, labels: Int32Array): number {
  let correct = 0;
  for (let i = 0; i < labels.length; i++) if (model.predict(x, i) === labels[i]) correct++;
  return correct / labels.length;
}
