import { tensor, batchNormTraining, batchNormInference, mean, square, sub, sqrt, add, mul, div } from '../../src';
import { rand, expectGradientsMatch, expectClose } from '../helpers/random_tensors';

describe('batch normalisation ops', () => {
  test('training mode matches the composed formula and returns biased statistics', () => {
    const x = rand([4, 3, 3, 5], 1, -2, 3);
    const gamma = rand([5], 2, 0.5, 1.5);
    const beta = rand([5], 3);
    const { y, mean: m, variance } = batchNormTraining(x, gamma, beta, 1e-3);
    const mu = mean(x, [0, 1, 2]);
    const v = mean(square(sub(x, mu)), [0, 1, 2]);
    const expected = add(mul(gamma, div(sub(x, mu), sqrt(add(v, 1e-3)))), beta);
    expectClose(y.dataSync(), expected.dataSync(), 1e-4);
    expectClose(m, mu.dataSync(), 1e-5);
    expectClose(variance, v.dataSync(), 1e-5);
  });

  test('inference mode uses the given statistics', () => {
    const x = tensor([[1, 2], [3, 4]]);
    const y = batchNormInference(x, tensor([1, 2]), tensor([4, 1]), tensor([2, 1]), tensor([0, 1]), 0);
    expectClose(y.dataSync(), [0, 1, 2, 3]);
  });

  test('full analytic backward on 4D input, through gamma and beta', () => {
    const x = rand([3, 2, 3, 4], 'x', -2, 2);
    const gamma = rand([4], 'g', 0.5, 1.5);
    const beta = rand([4], 'b');
    expectGradientsMatch(() => batchNormTraining(x, gamma, beta, 1e-3).y, [x, gamma, beta]);
    const x2 = rand([6, 3], 'x2', -2, 2);
    expectGradientsMatch(() => batchNormTraining(x2, null, null, 1e-3).y, [x2]);
  });

  test('inference-mode gradient', () => {
    const x = rand([3, 4], 'xi');
    const gamma = rand([4], 'gi');
    const beta = rand([4], 'bi');
    expectGradientsMatch(() => batchNormInference(x, tensor([0.1, 0.2, 0.3, 0.4]), tensor([1, 2, 0.5, 1]), gamma, beta, 1e-3), [x, gamma, beta]);
  });
});
