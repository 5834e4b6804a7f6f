import { BatchNormalization } from '@strata/layers';
import { estimateBatchNormStatistics } from '@strata/models';
import { oneHotRows } from '../../helpers/data';
import { articleModel, cleanup, randomValues } from '../helpers';
import { expectOnnxMatchesPredict, stopOnnxRunner } from './run_onnx';

afterAll(() => {
  stopOnnxRunner();
  cleanup();
});

test("the article's model, trained a few steps, runs in onnxruntime-node and -web as predict does", async () => {
  const model = articleModel();
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  const x = randomValues([4, 48, 48, 1], 11);
  const y = oneHotRows([0, 3, 5, 6], 7);
  for (let step = 0; step < 3; step++) model.trainOnBatch(x, y);
  // Precise BN, as the example does: moving statistics far from their initial 0 and 1.
  estimateBatchNormStatistics(model, x);
  const bn = model.layers.filter((l): l is BatchNormalization => l instanceof BatchNormalization);
  expect(bn).toHaveLength(3);
  for (const layer of bn) {
    expect(Math.max(...Array.from(layer.movingMean!.dataSync(), Math.abs))).toBeGreaterThan(0.05);
    expect(Math.max(...Array.from(layer.movingVariance!.dataSync(), (v) => Math.abs(v - 1)))).toBeGreaterThan(0.05);
  }
  const file = await expectOnnxMatchesPredict(model, { batch: 4, seed: 21 });
  await expectOnnxMatchesPredict(model, { batch: 2, seed: 22, runtime: 'web', file });
  await expectOnnxMatchesPredict(model, { batch: 1, seed: 23, file });
}, 120_000);
