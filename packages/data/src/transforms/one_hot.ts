import { oneHot, ShapeError, Tensor } from '@strata/core';
import { FER2013_NUM_CLASSES } from '../classes';

/**
 * One-hot rows, float32 [n, numClasses], for class indices given as an int32 [n] tensor or an
 * array. An index outside [0, numClasses) is an error, not a silent zero row.
 *
 * @param numClasses number of classes; default 7, the FER2013 classes.
 */
export function toOneHot(labels: Tensor | ArrayLike<number>, numClasses: number = FER2013_NUM_CLASSES): Tensor {
  if (labels instanceof Tensor && labels.rank !== 1) {
    throw new ShapeError(`toOneHot: labels must be a rank-1 tensor of class indices, got shape [${labels.shape.join(', ')}]`);
  }
  return oneHot(labels, numClasses);
}
