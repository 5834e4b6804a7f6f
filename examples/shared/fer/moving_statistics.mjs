// What plain Keras fit would report: validation accuracy with the momentum-averaged ("moving")
// BatchNormalization statistics, measured each epoch (on the first 256 validation faces) before
// PreciseBatchNormalization replaces them. The moving average is linear in its starting point:
//   moving_end = momentum^n * moving_start + (terms from the n batches' statistics only),
// and the batch statistics do not depend on the moving ones. So the statistics of a run that
// was never re-estimated are the current ones plus momentum^n times the difference of the
// starting points; the probe tracks that, evaluates with it, and puts the real ones back.
import { slice } from '@strata/core';
import { BatchNormalization } from '@strata/layers';
import { Callback } from '@strata/models';

const KEY = 'val_accuracy_moving_stats';
/** Validation faces the probe scores each epoch: enough for a curve, cheap beside training. */
const PROBE_SAMPLES = 256;

export class MovingStatisticsProbe extends Callback {
  /** `saved`: `state()` of an interrupted run. */
  constructor(x, y, saved = null) {
    super();
    const n = Math.min(PROBE_SAMPLES, x.shape[0]);
    this.x = slice(x, [0, 0, 0, 0], [n, ...x.shape.slice(1)]);
    this.y = slice(y, [0, 0], [n, y.shape[1]]);
    /** Per BatchNormalization layer, the plain run's [mean, variance] (float64), or null at the start. */
    this.plain = saved && saved.map((pair) => pair.map((v) => Float64Array.from(v)));
    this.start = null;
    this.steps = 0;
    this.inEpoch = false;
  }

  norms() {
    return this.model.layers.filter((l) => l instanceof BatchNormalization);
  }

  current() {
    return this.norms().map((l) => [Float64Array.from(l.movingMean.dataSync()), Float64Array.from(l.movingVariance.dataSync())]);
  }

  /** The plain run's statistics now: current + momentum^steps * (plain start - actual start). */
  plainNow() {
    if (!this.inEpoch) return this.plain;
    const now = this.current();
    return this.norms().map((l, k) => {
      const decay = l.momentum ** this.steps;
      return now[k].map((v, j) => v.map((s, c) => s + decay * (this.plain[k][j][c] - this.start[k][j][c])));
    });
  }

  onEpochBegin() {
    this.start = this.current();
    this.plain ??= this.start.map((pair) => pair.map((v) => Float64Array.from(v)));
    this.steps = 0;
    this.inEpoch = true;
  }

  onBatchEnd() {
    this.steps++;
  }

  onEpochTrainEnd(_epoch, logs) {
    this.plain = this.plainNow();
    this.inEpoch = false;
    logs[KEY] = this.evaluate(this.x, this.y).accuracy;
  }

  /** `evaluate` with the plain run's statistics, the real ones restored afterwards. */
  evaluate(x, y) {
    const norms = this.norms();
    const real = norms.map((l) => [l.movingMean.dataSync().slice(), l.movingVariance.dataSync().slice()]);
    const plain = this.plainNow();
    norms.forEach((l, k) => {
      l.movingMean.assign(Float32Array.from(plain[k][0]));
      l.movingVariance.assign(Float32Array.from(plain[k][1]));
    });
    try {
      return this.model.evaluate(x, y, { batchSize: 256 });
    } finally {
      norms.forEach((l, k) => {
        l.movingMean.assign(real[k][0]);
        l.movingVariance.assign(real[k][1]);
      });
    }
  }

  /** JSON-ready state for a checkpoint. */
  state() {
    const plain = this.plainNow();
    return plain && plain.map((pair) => pair.map((v) => Array.from(v)));
  }
}
