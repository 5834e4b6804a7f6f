/**
 * @strata/core: tensors, reverse-mode autograd, ops, and the kernels behind them.
 */
export * from './errors';
export { Tensor, type DType, type TypedArray, type NestedArray } from './tensor/tensor';
export { Variable, variable } from './tensor/variable';
export {
  tensor, scalar, fill, zeros, ones, zerosLike, onesLike, randomUniform, randomNormal, truncatedNormal,
  type TensorData, type TensorOptions, type RandomOptions,
} from './tensor/creation';
export { noGrad, isGradEnabled } from './autograd/grad_mode';
export * from './ops';
export type { TensorLike } from './ops/util';
export { fmtShape } from './util/shape';
export { fmtValue, normalizePair, type Pair } from './util/args';
export { toSnakeCase, toCamelCase } from './util/names';
export { closestName, didYouMean, editDistance } from './util/suggest';
export { checkOptions, isOptionsObject, keywordOrPositional, optionKeys, withPositional } from './util/options';
export { Registry } from './util/registry';
export type { Backend, AdamArrays, Conv2dInfo, Pool2dInfo, Resize2dInfo, LayerNormForwardResult, FusedActivation, UnaryKernel, BinaryKernel, ReduceKernel, DropoutMaskResult, NormalNoiseResult, ActivationKernel, ReluParams, ImageTransformInfo } from './backends/backend';
export { getBackend, setBackend, registerBackend } from './backends/registry';
export { kernelScope } from './backends/kernel_scope';
export type { BackendName } from './backends/registry';
export { referenceBackend } from './backends/reference';
export { profileKernels, type KernelProfile } from './backends/profile';
export { setSeed, makeRng, type Rng } from './random';
export { makeStatefulRng, restoreRng, type RngState, type StatefulRng } from './random_state';
export { checkGradients, type GradCheckOptions } from './testing/grad_check';
export { closenessMismatches, type ClosenessOptions } from './testing/closeness';
export { mutateJson, mutateText, mutateBytes, type Mutation } from './testing/mutations';
export * from './backends/wasm';
