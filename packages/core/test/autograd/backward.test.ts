import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { tensor, add, mul, sum, noGrad, isGradEnabled, matMul, relu, variable, randomNormal, mean, square, sub, ValueError } from '../../src';

describe('autograd', () => {
  test('gradients of a small expression', () => {
    const x = tensor([1, 2, 3], undefined, { requiresGrad: true });
    const y = sum(mul(x, x)); // d/dx = 2x
    y.backward();
    expect(Array.from(x.grad!.dataSync())).toEqual([2, 4, 6]);
  });

  test('a tensor used twice accumulates both paths', () => {
    const x = tensor([2], undefined, { requiresGrad: true });
    const y = add(mul(x, 3), mul(x, x)); // 3 + 2x = 7
    y.backward();
    expect(x.grad!.item()).toBe(7);
  });

  test('.grad accumulates across backward calls until zeroGrad', () => {
    const x = tensor([1, 1], undefined, { requiresGrad: true });
    sum(mul(x, 2)).backward();
    sum(mul(x, 2)).backward();
    expect(Array.from(x.grad!.dataSync())).toEqual([4, 4]);
    x.zeroGrad();
    expect(x.grad).toBeNull();
  });

  test('noGrad records nothing', () => {
    const x = tensor([1], undefined, { requiresGrad: true });
    const y = noGrad(() => {
      expect(isGradEnabled()).toBe(false);
      return mul(x, 2);
    });
    expect(isGradEnabled()).toBe(true);
    expect(y.requiresGrad).toBe(false);
    expect(y.node).toBeNull();
  });

  test('backward on a non-scalar needs an upstream gradient', () => {
    const x = tensor([1, 2], undefined, { requiresGrad: true });
    const y = mul(x, 2);
    expect(() => y.backward()).toThrow(
      new ValueError('backward: called on a non-scalar tensor of shape [2] without an upstream gradient; pass one of the same shape'),
    );
    y.backward(tensor([1, 10]));
    expect(Array.from(x.grad!.dataSync())).toEqual([2, 20]);
  });

  test('the tape is released after backward', () => {
    const x = tensor([1, 2], undefined, { requiresGrad: true });
    const h = mul(x, 2);
    const y = sum(h);
    y.backward();
    expect(h.node).toBeNull();
    expect(y.node).toBeNull();
    expect(() => y.backward()).toThrow(/does not require a gradient/);
  });

  test('a 10,000-step training loop does not grow memory', () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const w1 = variable(randomNormal([16, 32], { seed: 1, stddev: 0.1 }));
    const w2 = variable(randomNormal([32, 1], { seed: 2, stddev: 0.1 }));
    const x = randomNormal([8, 16], { seed: 3 });
    const target = randomNormal([8, 1], { seed: 4 });
    const step = () => {
      const loss = mean(square(sub(matMul(relu(matMul(x, w1)), w2), target)));
      loss.backward();
      for (const w of [w1, w2]) {
        const g = w.grad!.f32;
        const v = w.values as Float32Array;
        for (let i = 0; i < v.length; i++) v[i] -= 0.01 * g[i];
        w.zeroGrad();
      }
      return loss.item();
    };
    for (let i = 0; i < 1000; i++) step();
    gc();
    const before = process.memoryUsage().heapUsed;
    let last = 0;
    for (let i = 0; i < 10000; i++) last = step();
    gc();
    const after = process.memoryUsage().heapUsed;
    expect(Number.isFinite(last)).toBe(true);
    // A leak of even one small tensor per step would add several MB over 10,000 steps.
    expect(after - before).toBeLessThan(2 * 1024 * 1024);
  });
});
