import { readFileSync } from 'node:fs';
import { Conv2D, Dense, Flatten, RandomFlip, RandomRotation, RandomTranslation, RandomZoom, Rescaling, type Layer } from '@strata/layers';
import { Sequential } from '@strata/models';
import { cleanup, randomValues } from '../helpers';
import { expectOnnxMatchesPredict, stopOnnxRunner } from './run_onnx';

afterAll(() => {
  stopOnnxRunner();
  cleanup();
});

function randomized(layers: Layer[], seed = 4): Sequential {
  const model = new Sequential({ layers });
  model.setWeights(model.getWeights().map((w, i) => randomValues([...w.shape], seed * 100 + i, 0.5)));
  return model;
}

describe('Rescaling and the random image layers in onnxruntime match predict', () => {
  test('Rescaling first, on images (Mul and Add of scalars)', async () => {
    await expectOnnxMatchesPredict(randomized([new Rescaling(1 / 127.5, { offset: -1, inputShape: [5, 6, 2] }), new Conv2D(3, 3)]));
  });

  test('Rescaling between layers, on NCHW-flowing and rank-2 values, offset 0 (Mul only)', async () => {
    await expectOnnxMatchesPredict(randomized([
      new Conv2D({ filters: 3, kernelSize: 3, inputShape: [6, 6, 2] }), new Rescaling(-2.5), new Flatten(), new Dense({ units: 4 }), new Rescaling(0.5, { offset: 3 }),
    ]));
  });

  test('the random image layers are identities at inference: exported as nothing', async () => {
    const model = randomized([
      new Rescaling(1 / 255, { inputShape: [8, 8, 1] }),
      new RandomFlip('horizontal'), new RandomRotation(0.1), new RandomZoom(0.1), new RandomTranslation(0.1, 0.1),
      new Conv2D({ filters: 2, kernelSize: 3, activation: 'relu' }), new Flatten(), new Dense({ units: 3, activation: 'softmax' }),
    ]);
    const bytes = readFileSync(await expectOnnxMatchesPredict(model));
    for (const name of model.layers.slice(1, 5).map((l) => l.name)) expect(bytes.includes(Buffer.from(name))).toBe(false);
  });
});
