// Public API of the WebAssembly backend.
import { ValueError } from '../../errors';
import { wasmFeatures } from './features';
import { getRuntime, type ConvAlgorithm, type KernelVariant } from './runtime';

export { wasmBackend } from './backend';
export { wasmFeatures } from './features';
export type { WasmFeatures } from './features';
export type { ConvAlgorithm, KernelVariant } from './runtime';

/**
 * Forces how eligible convolutions (3x3, stride 1, dilation 1) run on the wasm backend: 'auto'
 * (the default: Winograd F(4x4, 3x3) where the channel counts make it pay), 'direct' (implicit
 * im2col GEMM) or 'winograd'. For tests and benchmarks; results agree within float rounding.
 */
export function setWasmConvAlgorithm(algorithm: ConvAlgorithm): void {
  if (algorithm !== 'auto' && algorithm !== 'direct' && algorithm !== 'winograd') {
    throw new ValueError(`setWasmConvAlgorithm: expected 'auto', 'direct' or 'winograd', got '${String(algorithm)}'`);
  }
  getRuntime().convAlgorithm = algorithm;
}

/** The convolution algorithm setting of the wasm backend. */
export function getWasmConvAlgorithm(): ConvAlgorithm {
  return getRuntime().convAlgorithm;
}

/**
 * Sets how many threads the wasm kernels use (the main thread plus `n - 1` pool workers).
 * Defaults to `os.availableParallelism()`. Results are bit-identical for every count.
 */
export function setNumThreads(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > 65) {
    throw new ValueError(`setNumThreads: expected an integer in [1, 65], got ${n}`);
  }
  getRuntime().threads = n;
}

/** The number of threads the wasm kernels use. */
export function getNumThreads(): number {
  return getRuntime().threads;
}

/**
 * Selects the GEMM micro-kernel build: 'relaxedsimd' (FMA, the default when the runtime supports
 * it) or 'wasmsimd' (mul + add; also forced by STRATA_WASM_SIMD=plain).
 */
export function setWasmKernelVariant(variant: KernelVariant): void {
  if (variant === 'relaxedsimd' && !wasmFeatures().relaxedSimd) {
    throw new ValueError('setWasmKernelVariant: this runtime does not support relaxed SIMD');
  }
  if (variant !== 'relaxedsimd' && variant !== 'wasmsimd') {
    throw new ValueError(`setWasmKernelVariant: expected 'relaxedsimd' or 'wasmsimd', got '${String(variant)}'`);
  }
  getRuntime().variant = variant;
}

/** The GEMM micro-kernel build in use. */
export function getWasmKernelVariant(): KernelVariant {
  return getRuntime().variant;
}
