// Quickstart: a few Dense layers learn to tell two interleaved spirals apart, in seconds.
//   node examples/quickstart/index.mjs
import { setSeed, tensor } from '@strata/core';
import { Dense } from '@strata/layers';
import { Sequential } from '@strata/models';

setSeed(1);

// 600 points on two spirals, labelled 0 and 1.
const n = 600;
const points = [];
const labels = [];
for (let i = 0; i < n; i++) {
  const cls = i % 2;
  const r = (i / n) * 5 + 0.3;
  const t = 1.75 * (i / n) * 2 * Math.PI + cls * Math.PI;
  points.push([r * Math.cos(t), r * Math.sin(t)]);
  labels.push(cls);
}
const x = tensor(points);
const y = tensor(labels, [n, 1]);

const model = new Sequential();
model.add(new Dense({ units: 32, activation: 'relu', inputShape: [2] }));
model.add(new Dense({ units: 32, activation: 'relu' }));
model.add(new Dense({ units: 1, activation: 'sigmoid' }));
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy', metrics: ['accuracy'] });
model.summary();

const history = await model.fit(x, y, { epochs: 150, batchSize: 32, verbose: 0, seed: 1 });
const last = history.history;
console.log(`after ${last.loss.length} epochs: loss ${last.loss.at(-1).toFixed(4)}, accuracy ${(100 * last.accuracy.at(-1)).toFixed(1)} %`);
const p = model.predict(tensor([[0.5, 0.2], [-2, 1]])).dataSync();
console.log(`p(class 1) at (0.5, 0.2): ${p[0].toFixed(3)}; at (-2, 1): ${p[1].toFixed(3)}`);
