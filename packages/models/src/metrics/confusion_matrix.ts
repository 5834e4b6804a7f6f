import { ShapeError, tensor, ValueError, type Tensor } from '@strata/core';

/** Class indices from integer labels ([n] or [n, 1]) or one-hot/probability rows ([n, classes]). */
function classIndices(t: Tensor, numClasses: number, arg: string): Int32Array {
  const v = t.values;
  const isRows = t.rank === 2 && t.shape[1] > 1;
  if (!isRows && !(t.rank === 1 || (t.rank === 2 && t.shape[1] === 1))) {
    throw new ShapeError(`confusionMatrix: ${arg} must be class indices [n] / [n, 1] or rows [n, ${numClasses}], got shape [${t.shape.join(', ')}]`);
  }
  if (isRows && t.shape[1] !== numClasses) {
    throw new ShapeError(`confusionMatrix: ${arg} has ${t.shape[1]} columns, expected numClasses = ${numClasses}`);
  }
  const n = t.shape[0];
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (isRows) {
      let best = 0;
      for (let k = 1; k < numClasses; k++) if (v[i * numClasses + k] > v[i * numClasses + best]) best = k;
      out[i] = best;
    } else {
      const c = v[i];
      if (!Number.isInteger(c) || c < 0 || c >= numClasses) throw new ValueError(`confusionMatrix: ${arg}[${i}] = ${c} is not a class index in [0, ${numClasses})`);
      out[i] = c;
    }
  }
  return out;
}

/**
 * Counts of (true class, predicted class) pairs: an int32 [numClasses, numClasses] tensor whose
 * row i, column j counts samples of true class i predicted as j. Each argument may hold class
 * indices or one-hot/probability rows (reduced with argmax).
 */
export function confusionMatrix(yTrue: Tensor, yPred: Tensor, numClasses: number): Tensor {
  if (!Number.isInteger(numClasses) || numClasses <= 0) throw new ValueError(`confusionMatrix: numClasses must be a positive integer, got ${numClasses}`);
  const t = classIndices(yTrue, numClasses, 'yTrue');
  const p = classIndices(yPred, numClasses, 'yPred');
  if (t.length !== p.length) throw new ShapeError(`confusionMatrix: yTrue has ${t.length} samples but yPred has ${p.length}`);
  const counts = new Int32Array(numClasses * numClasses);
  for (let i = 0; i < t.length; i++) counts[t[i] * numClasses + p[i]]++;
  return tensor(counts, [numClasses, numClasses]);
}
