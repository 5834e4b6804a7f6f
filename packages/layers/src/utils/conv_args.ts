import { ValueError } from '@strata/core';
import { KERNEL_KEYS, type KernelLayerArgs } from './kernel_options';

/** The kernel options that are not about a `kernel` weight (activation, bias): layers whose kernels have other names take these. */
export type BiasLayerArgs = Omit<KernelLayerArgs, `kernel${string}`>;
export const BIAS_KEYS = KERNEL_KEYS.filter((k) => !k.startsWith('kernel')) as readonly (keyof BiasLayerArgs & string)[];

/** Keras's rule for every convolution layer: a stride above 1 and a dilation above 1 do not combine. */
export function checkStridesWithDilation(strides: [number, number], dilationRate: [number, number], who: string): void {
  if (Math.max(...strides) > 1 && Math.max(...dilationRate) > 1) {
    throw new ValueError(`${who}: strides > 1 cannot be combined with dilationRate > 1, got strides [${strides.join(', ')}] and dilationRate [${dilationRate.join(', ')}]`);
  }
}
