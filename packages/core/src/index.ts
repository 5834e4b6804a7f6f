export * from './errors';
export type { Backend, Conv2dInfo, Pool2dInfo, FusedActivation, UnaryKernel, BinaryKernel, ReduceKernel } from './backends/backend';
export { getBackend, setBackend, registerBackend } from './backends/registry';
export type { BackendName } from './backends/registry';
export { referenceBackend } from './backends/reference';
export { setSeed, makeRng } from './random';
export type { Rng } from './random';
export * from './backends/wasm';
