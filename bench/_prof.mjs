import { setNumThreads, setSeed, randomUniform, oneHot } from '@strata/core';
import { articleModel } from '/work/wt/perf/examples/fer-cnn/model.mjs';
setNumThreads(1); setSeed(1);
const n = 32;
const x = randomUniform([n, 48, 48, 1], { seed: 1 });
const y = oneHot(Int32Array.from({ length: n }, (_, i) => i % 7), 7);
const model = articleModel();
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
for (let i = 0; i < 12; i++) model.trainOnBatch(x, y);
