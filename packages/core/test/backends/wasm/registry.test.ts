import type * as Registry from '../../../src/backends/registry';

/** A fresh copy of the registry (its active backend is module state), optionally with mocks. */
function freshRegistry(mockFeatures?: { simd: boolean; threads: boolean; relaxedSimd: boolean }): typeof Registry {
  let registry: typeof Registry | undefined;
  jest.isolateModules(() => {
    if (mockFeatures) jest.doMock('../../../src/backends/wasm/features', () => ({ wasmFeatures: () => mockFeatures }));
    registry = jest.requireActual('../../../src/backends/registry');
  });
  return registry as typeof Registry;
}

describe('backend registry', () => {
  const saved = process.env.STRATA_BACKEND;
  afterEach(() => {
    if (saved === undefined) delete process.env.STRATA_BACKEND;
    else process.env.STRATA_BACKEND = saved;
    jest.restoreAllMocks();
  });

  it('defaults to wasm where WebAssembly SIMD validates', () => {
    delete process.env.STRATA_BACKEND;
    expect(freshRegistry().getBackend().name).toBe('wasm');
  });

  it('honours STRATA_BACKEND and setBackend', () => {
    process.env.STRATA_BACKEND = 'reference';
    const registry = freshRegistry();
    expect(registry.getBackend().name).toBe('reference');
    registry.setBackend('wasm');
    expect(registry.getBackend().name).toBe('wasm');
    expect(() => registry.setBackend('gpu')).toThrow(/unknown backend 'gpu'/);
  });

  it('falls back to reference with a one-line notice without SIMD', () => {
    delete process.env.STRATA_BACKEND;
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const registry = freshRegistry({ simd: false, threads: true, relaxedSimd: false });
    expect(registry.getBackend().name).toBe('reference');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(() => registry.setBackend('wasm')).toThrow(/needs WebAssembly SIMD/);
  });
});
