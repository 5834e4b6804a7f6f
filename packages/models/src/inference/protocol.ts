import { BackendError, DTypeError, ShapeError, StrataError, ValueError } from '@strata/core';

/** The kernel settings of the calling thread, applied in the worker before each job. */
export interface KernelSettings {
  backend: 'reference' | 'wasm';
  /** wasm only: the thread count and GEMM build (the build changes the bits: FMA or mul + add). */
  threads?: number;
  variant?: 'wasmsimd' | 'relaxedsimd';
}

/** The model as the worker rebuilds it: topology text and every weight in `model.weights` order. */
export interface ModelSnapshot {
  topology: string;
  weights: { shape: number[]; values: Float32Array<ArrayBuffer> }[];
}

/** One predict call. `model` is set when the worker's copy is stale (first call, new weights). */
export interface PredictRequest {
  id: number;
  model?: ModelSnapshot;
  settings: KernelSettings;
  x: Float32Array<ArrayBuffer>;
  shape: number[];
  batchSize: number;
}

export interface SerializedError {
  name: string;
  message: string;
}

export type PredictReply =
  | { id: number; values: Float32Array<ArrayBuffer>; shape: number[] }
  | { id: number; error: SerializedError };

/** Errors revived by class name, so the caller catches what `predict` would have thrown. */
const ERROR_CLASSES: Record<string, new (message: string) => Error> = {
  StrataError, ShapeError, ValueError, DTypeError, BackendError, TypeError, RangeError,
};

export function serializeError(e: unknown): SerializedError {
  if (e instanceof Error) return { name: e.name, message: e.message };
  return { name: 'Error', message: String(e) };
}

export function reviveError(e: SerializedError): Error {
  const Class = Object.hasOwn(ERROR_CLASSES, e.name) ? ERROR_CLASSES[e.name] : Error;
  return new Class(e.message);
}

/** `a` itself when it owns a whole (non-shared) buffer, else a copy: what can be transferred. */
export function transferable(a: Float32Array): Float32Array<ArrayBuffer> {
  const whole = a.buffer instanceof ArrayBuffer && a.byteOffset === 0 && a.buffer.byteLength === a.byteLength;
  return whole ? (a as Float32Array<ArrayBuffer>) : a.slice();
}
