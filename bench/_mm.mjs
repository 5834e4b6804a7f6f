import { wasmBackend, setNumThreads, getBackend } from '../packages/core/dist/index.mjs';
setNumThreads(1);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const a = new Float32Array(2048).fill(0.5);
const js = new Float32Array(2048 * 1024).fill(0.01);
const resident = getBackend().allocPersistent(2048 * 1024); resident.set(js);
for (const [name, b] of [['js', js], ['resident', resident], ['js', js], ['resident', resident]]) {
  let best = 1e9;
  for (let i = 0; i < 30; i++) { const c = cpu(); wasmBackend.matMul(a, b, 1, 1, 1024, 2048, false, false); best = Math.min(best, cpu() - c); }
  console.log(name, best.toFixed(3), 'ms');
}
