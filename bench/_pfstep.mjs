import { setNumThreads, setSeed, randomUniform, oneHot, profileKernels } from '@strata/core';
import { articleModel } from '/work/wt/perf/examples/fer-cnn/model.mjs';
setNumThreads(Number(process.argv[2] ?? 1));
setSeed(1);
const n = 32;
const x = randomUniform([n, 48, 48, 1], { seed: 1 });
const y = oneHot(Int32Array.from({ length: n }, (_, i) => i % 7), 7);
const model = articleModel();
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
for (let i = 0; i < 3; i++) model.trainOnBatch(x, y);
for (let i = 0; i < 4; i++) {
  const r0 = process.resourceUsage(); const t = performance.now();
  model.trainOnBatch(x, y);
  const r1 = process.resourceUsage();
  console.log('step', (performance.now() - t).toFixed(0), 'ms, minor faults', r1.minorPageFault - r0.minorPageFault, 'user', ((r1.userCPUTime - r0.userCPUTime)/1000).toFixed(0), 'sys', ((r1.systemCPUTime - r0.systemCPUTime)/1000).toFixed(0));
}
const { kernels } = await profileKernels(() => model.trainOnBatch(x, y));
console.log(Object.entries(kernels).map(([k, v]) => `${k} ${v.calls}x ${v.ms.toFixed(1)}`).join(", "));
