// Typed handle on the WebAssembly global. The project compiles with lib ES2022 and @types/node,
// neither of which declares WebAssembly, and a global declaration here could clash with a later
// "dom" lib; so the few members used are typed locally.

export interface WasmMemory {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
  grow(deltaPages: number): number;
}
export type WasmModule = object;
export interface WasmInstance {
  readonly exports: Record<string, unknown>;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: Record<string, Record<string, unknown>>) => WasmInstance;
}

/** The runtime's WebAssembly object, or undefined where there is none. */
export const wasmApi = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
