import { wasmBackend, setNumThreads } from '../packages/core/dist/index.mjs';
const rnd = (n) => { const a = new Float32Array(n); for (let i = 0; i < n; i++) a[i] = Math.random(); return a; };
for (const [rows, c] of [[32 * 44 * 44, 64], [32 * 10 * 10, 128], [32, 2048]]) {
  const x = rnd(rows * c), dy = rnd(rows * c), g = rnd(c), b = rnd(c);
  for (const t of [1, 2, 1, 2]) {
    setNumThreads(t);
    let bf = 1e9, bb = 1e9;
    for (let i = 0; i < 15; i++) {
      let s = performance.now(); const r = wasmBackend.batchNormForward(x, g, b, c, 1e-3); bf = Math.min(bf, performance.now() - s);
      s = performance.now(); wasmBackend.batchNormBackward(x, dy, r.mean, r.invStd, g, c); bb = Math.min(bb, performance.now() - s);
    }
    console.log(rows, c, 'threads', t, 'fwd', bf.toFixed(2), 'bwd', bb.toFixed(2));
  }
}
