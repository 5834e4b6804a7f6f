import { setNumThreads, randomUniform, profileKernels } from '@strata/core';
import { articleModel } from '/work/wt/perf/examples/fer-cnn/model.mjs';
setNumThreads(Number(process.argv[2] ?? 2));
const model = articleModel();
model.build([null, 48, 48, 1]);
const x = randomUniform([1, 48, 48, 1], { seed: 1 });
for (let i = 0; i < 20; i++) model.predict(x);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
let best = 1e9, bestCpu = 1e9;
for (let i = 0; i < 30; i++) { const c = cpu(); const t = performance.now(); model.predict(x); best = Math.min(best, performance.now() - t); bestCpu = Math.min(bestCpu, cpu() - c); }
console.log('1-sample predict best wall', best.toFixed(2), 'ms, cpu', bestCpu.toFixed(2));
const { kernels } = await profileKernels(() => { for (let i = 0; i < 10; i++) model.predict(x); });
console.log(Object.entries(kernels).map(([k, v]) => `${k} ${(v.ms / 10).toFixed(2)}`).join(', '));
