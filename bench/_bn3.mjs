const { wasmBackend, setNumThreads, kernelScope } = await import('../packages/core/dist/' + process.env.DIST);
const ONE = new Float32Array([1]);
const rnd = (n) => { const a = new Float32Array(n); for (let i = 0; i < n; i++) a[i] = Math.random() - 0.5; return a; };
const C = Number(process.env.C ?? 64), N = Number(process.env.ROWS ?? 32 * 44 * 44) * C; const x0 = rnd(N), d0 = rnd(N), g = rnd(C), b = rnd(C);
const out = [];
for (const t of [1, 2]) { setNumThreads(t); let best = 1e9, bb = 1e9;
  for (let r = 0; r < 15; r++) kernelScope(() => { const x = wasmBackend.binary('mul', x0, [N], ONE, [1], [N]), dy = wasmBackend.binary('mul', d0, [N], ONE, [1], [N]);
    let s = performance.now(); const f = wasmBackend.batchNormForward(x, g, b, C, 1e-3); best = Math.min(best, performance.now() - s);
    s = performance.now(); wasmBackend.batchNormBackward(x, dy, f.mean, f.invStd, g, C); bb = Math.min(bb, performance.now() - s); });
  out.push(`${t}t fwd ${best.toFixed(2)} bwd ${bb.toFixed(2)}`); }
console.log(out.join('  '));
