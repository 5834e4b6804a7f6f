import { profileKernels, conv2d, gelu, getBackend, randomNormal, sum } from '../../src';

describe('profileKernels', () => {
  test('counts and times each kernel call, then restores the backend', async () => {
    const before = getBackend().name;
    const x = randomNormal([1, 5, 5, 2], { seed: 1 });
    const w = randomNormal([3, 3, 2, 4], { seed: 2 });
    const { result, kernels } = await profileKernels(() => sum(conv2d(x, w)).item());
    expect(Number.isFinite(result)).toBe(true);
    expect(kernels.conv2d.calls).toBe(1);
    expect(kernels.conv2d.ms).toBeGreaterThanOrEqual(0);
    expect(kernels.reduce.calls).toBe(1);
    expect(kernels.matMul).toBeUndefined();
    expect(getBackend().name).toBe(before);
  });

  test('times every kernel the backend has, including ones added after it was written', async () => {
    const x = randomNormal([4, 3], { seed: 3 });
    const { kernels } = await profileKernels(() => gelu(x));
    expect(kernels.activation.calls).toBe(1);
  });
});
