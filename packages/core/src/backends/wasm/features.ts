import { setFlagsFromString } from 'node:v8';
import { wasmApi } from './wasm_api';

/** WebAssembly features this runtime offers to the wasm backend. */
export interface WasmFeatures {
  /** 128-bit SIMD: required by the wasm backend. */
  simd: boolean;
  /** Threads: shared memory and atomics (the worker pool). */
  threads: boolean;
  /** Relaxed SIMD (f32x4.relaxed_madd fused multiply-add in the GEMM micro-kernel). */
  relaxedSimd: boolean;
}

// Smallest modules using each feature: (func (result v128) ...) bodies, hand-assembled.
const header = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, 0x03, 0x02, 0x01, 0x00];
function moduleWithBody(body: number[]): Uint8Array {
  const fn = [0x00, ...body, 0x0b];
  return new Uint8Array([...header, 0x0a, fn.length + 2, 0x01, fn.length, ...fn]);
}
const zeroV128 = [0xfd, 0x0c, ...new Array<number>(16).fill(0)]; // v128.const 0
const simdProbe = moduleWithBody(zeroV128);
// f32x4.relaxed_madd (0xfd 0x85 0x02) of three zero vectors.
const relaxedProbe = moduleWithBody([...zeroV128, ...zeroV128, ...zeroV128, 0xfd, 0x85, 0x02]);

let cached: WasmFeatures | null = null;

/**
 * Detects the WebAssembly features of this runtime. Relaxed SIMD sits behind a V8 flag in
 * Node 20, so the flag is switched on first (process-wide; it only adds instructions).
 */
export function wasmFeatures(): WasmFeatures {
  if (cached) return cached;
  const api = wasmApi;
  const simd = api !== undefined && api.validate(simdProbe);
  let relaxedSimd = simd && api.validate(relaxedProbe);
  if (simd && !relaxedSimd) {
    setFlagsFromString('--experimental-wasm-relaxed-simd');
    relaxedSimd = api.validate(relaxedProbe);
  }
  let threads = false;
  try {
    threads = api !== undefined && new api.Memory({ initial: 1, maximum: 1, shared: true }).buffer instanceof SharedArrayBuffer;
  } catch {
    threads = false;
  }
  cached = { simd, threads, relaxedSimd };
  return cached;
}
