import { Conv2D, GaussianNoise, SpatialDropout2D } from '@strata/layers';
import { Sequential } from '@strata/models';
import { cleanup, randomValues } from '../helpers';
import { expectOnnxMatchesPredict, stopOnnxRunner } from './run_onnx';

afterAll(() => {
  stopOnnxRunner();
  cleanup();
});

describe('GaussianNoise and SpatialDropout2D export as the identities they are at inference', () => {
  test('no node of their own; onnxruntime matches predict', async () => {
    const model = new Sequential({ layers: [new Conv2D({ filters: 3, kernelSize: 2, inputShape: [4, 4, 2] }), new SpatialDropout2D(0.5), new GaussianNoise(0.3)] });
    model.setWeights(model.getWeights().map((w, i) => randomValues([...w.shape], 10 + i, 0.5)));
    await expectOnnxMatchesPredict(model);
  });
});
