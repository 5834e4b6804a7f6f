import type { Tensor } from '@strata/core';

/** Images and their labels: `x` [n, ...], `y` int32 [n] class indices or float32 [n, classes] one-hot. */
export interface LabeledData {
  x: Tensor;
  y: Tensor;
}

/** A seed for a reproducible draw; without one, draws follow the global seed (`setSeed`). */
export type Seed = number | string;
