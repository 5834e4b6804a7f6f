// Shared set-up of the wasm backend tests: run a body under a given GEMM micro-kernel build (both
// the relaxed-SIMD FMA path and the plain mul + add path must be tested) and thread count, and
// seeded random data.
import { getNumThreads, getWasmKernelVariant, setNumThreads, setWasmKernelVariant, wasmFeatures, type KernelVariant } from '../../src';
import { getRuntime } from '../../src/backends/wasm/runtime';
import { makeTestRng, randomFloats } from './naive_kernels';

export const VARIANTS: KernelVariant[] = wasmFeatures().relaxedSimd ? ['relaxedsimd', 'wasmsimd'] : ['wasmsimd'];

export function withSettings<T>(variant: KernelVariant, threads: number, body: () => T): T {
  const before = { variant: getWasmKernelVariant(), threads: getNumThreads() };
  setWasmKernelVariant(variant);
  setNumThreads(threads);
  try {
    return body();
  } finally {
    setWasmKernelVariant(before.variant);
    setNumThreads(before.threads);
  }
}

/** `size` uniform floats in [-1, 1) from a seed. */
export const randomArray = (size: number, seed: string): Float32Array => randomFloats(makeTestRng(seed), size);

/**
 * Expects the same bits (so +0 / -0 and every last ulp count). Compares bytes, not elements:
 * jest's toEqual on 60k-element arrays takes ~100 ms.
 */
export function expectBitIdentical(actual: Float32Array, expected: Float32Array): void {
  expect(actual.length).toBe(expected.length);
  const bytes = (a: Float32Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  if (bytes(actual).equals(bytes(expected))) return;
  const i = actual.findIndex((v, j) => !Object.is(v, expected[j]));
  expect({ element: i, value: actual[i] }).toEqual({ element: i, value: expected[i] }); // Object.is: -0 != +0
}

/** As expectBitIdentical, but any NaN matches any NaN (IEEE leaves a result NaN's payload and sign to the machine). */
export function expectSameValues(actual: Float32Array, expected: Float32Array): void {
  expect(actual.length).toBe(expected.length);
  const i = expected.findIndex((e, j) => !(Object.is(actual[j], e) || (Number.isNaN(e) && Number.isNaN(actual[j]))));
  if (i >= 0) expect({ element: i, value: actual[i] }).toEqual({ element: i, value: expected[i] });
}

/**
 * Runs `body` and returns its result with the op number (job_layout's OP_*) of every wasm job it
 * ran, in order: where two paths give results within the oracle's tolerance, this says which ran.
 */
export function withOpTrace<T>(body: () => T): { result: T; ops: number[] } {
  const rt = getRuntime();
  const ops: number[] = [];
  rt.opTrace = ops;
  try {
    return { result: body(), ops };
  } finally {
    rt.opTrace = null;
  }
}
