import { oneHot, tensor, type Tensor } from '@strata/core';

/**
 * Class indices as the label tensor a reader returns: int32 [n], or float32 [n, numClasses]
 * one-hot. The int32 form gets its own copy, so the `labels` array handed back beside it can be
 * modified without changing the tensor.
 */
export function labelTensor(labels: Int32Array, numClasses: number, asOneHot: boolean): Tensor {
  return asOneHot ? oneHot(labels, numClasses) : tensor(labels.slice(), [labels.length], { dtype: 'int32' });
}

