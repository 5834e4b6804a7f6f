import { pad, tensor, upSampling2d, ShapeError, ValueError } from '../../src';
import { expectGradientsMatch, rand } from '../helpers/random_tensors';

describe('pad', () => {
  test('places x in zeros; the gradient is the slice back', () => {
    const x = tensor([[1, 2], [3, 4]]);
    expect(pad(x, [[1, 0], [0, 2]]).toArray()).toEqual([[0, 0, 0, 0], [1, 2, 0, 0], [3, 4, 0, 0]]);
    const r = rand([2, 3, 2, 3], 'pad');
    expectGradientsMatch(() => pad(r, [[0, 0], [1, 2], [2, 0], [0, 0]]), [r]);
  });

  test('bad paddings are a ShapeError', () => {
    expect(() => pad(tensor([1, 2]), [[1, -1]])).toThrow(ShapeError);
    expect(() => pad(tensor([1, 2]), [[1, 1], [0, 0]])).toThrow(ShapeError);
  });
});

describe('upSampling2d', () => {
  test('nearest repeats each pixel size[0] x size[1] times', () => {
    const x = tensor([1, 2, 3, 4], [1, 2, 2, 1]);
    expect(Array.from(upSampling2d(x, [1, 2]).dataSync())).toEqual([1, 1, 2, 2, 3, 3, 4, 4]);
  });

  test.each(['nearest', 'bilinear'] as const)('%s: gradient against finite differences (odd sizes, unequal factors)', (mode) => {
    const x = rand([2, 3, 2, 3], `up ${mode}`);
    expectGradientsMatch(() => upSampling2d(x, [2, 3], mode), [x]);
  });

  test('bad arguments', () => {
    const x = tensor([1, 2, 3, 4], [1, 2, 2, 1]);
    expect(() => upSampling2d(x, [0, 2])).toThrow(ValueError);
    expect(() => upSampling2d(x, [2, 2], 'bicubic' as 'nearest')).toThrow(new ValueError("resize2d: interpolation must be 'nearest' or 'bilinear', got \"bicubic\""));
    expect(() => upSampling2d(tensor([1, 2]), [2, 2])).toThrow(ShapeError);
  });
});
