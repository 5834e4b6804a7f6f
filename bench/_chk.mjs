import { setNumThreads, randomUniform } from '@strata/core';
import { articleModel } from '/work/wt/perf/examples/fer-cnn/model.mjs';
const model = articleModel();
model.build([null, 48, 48, 1]);
const w = model.layers.find((l) => l.className === 'Dense').weights[0];
console.log(w.name, w.values.buffer.constructor.name, w.values.byteOffset, w.values.length);
const x = randomUniform([1, 48, 48, 1], { seed: 1 });
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
for (let r = 0; r < 3; r++) { let best = 1e9; for (let i = 0; i < 20; i++) { const c = cpu(); model.predict(x); best = Math.min(best, cpu() - c); } console.log('best cpu ms', best.toFixed(2)); }
