import { wasmBackend, setNumThreads, kernelScope } from '../packages/core/dist/index.mjs';
for (const N of [1 << 18, 1 << 20, 1 << 22, 1 << 24]) {
  const a0 = new Float32Array(N).fill(1.5), b0 = new Float32Array(N).fill(2);
  const res = {};
  for (let r = 0; r < (N > 1 << 22 ? 5 : 30); r++) for (const t of [1, 2]) {
    setNumThreads(t);
    kernelScope(() => {
      const a = wasmBackend.binary('add', a0, [N], b0, [N], [N]), b = wasmBackend.binary('add', b0, [N], b0, [N], [N]);
      const s = performance.now(); wasmBackend.binary('mul', a, [N], b, [N], [N]); const d = performance.now() - s;
      res[t] = Math.min(res[t] ?? 1e9, d);
    });
  }
  console.log(`N=${N}: 1t ${res[1].toFixed(3)} ms ${(N*12/1e6/res[1]).toFixed(1)} GB/s, 2t ${res[2].toFixed(3)} ms ${(N*12/1e6/res[2]).toFixed(1)} GB/s`);
}
