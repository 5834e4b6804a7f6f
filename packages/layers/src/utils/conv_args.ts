import { fmtShape, normalizePair, ShapeError, ValueError } from '@strata/core';
import type { LayerShape } from '../engine/shape';
import { getInitializer, type Initializer, type InitializerIdentifier } from '../initializers';
import { getRegularizer, type L1L2, type RegularizerIdentifier } from '../regularizers';
import { getConstraint, type Constraint, type ConstraintIdentifier } from '../constraints';
import { checkDataFormat, checkPadding, checkPositiveInt } from './args';
import { KERNEL_KEYS, type KernelLayerArgs } from './kernel_options';

/** The kernel options that are not about a `kernel` weight (activation, bias): layers whose kernels have other names take these. */
export type BiasLayerArgs = Omit<KernelLayerArgs, `kernel${string}`>;
export const BIAS_KEYS = KERNEL_KEYS.filter((k) => !k.startsWith('kernel')) as readonly (keyof BiasLayerArgs & string)[];

/** The sliding-window options of a 2D convolution layer. */
export interface ConvWindowArgs {
  kernelSize: number | [number, number];
  strides?: number | [number, number];
  padding?: 'valid' | 'same';
  dilationRate?: number | [number, number];
  /** Only 'channelsLast' (NHWC), Keras's default. */
  dataFormat?: 'channelsLast';
}

export interface ConvWindow {
  kernelSize: [number, number];
  strides: [number, number];
  padding: 'valid' | 'same';
  dilationRate: [number, number];
}

/** Validates the window options with Keras's defaults and rules; errors name the layer (`who`). */
export function resolveConvWindow(args: ConvWindowArgs, who: string): ConvWindow {
  const window: ConvWindow = {
    kernelSize: normalizePair(args.kernelSize, who, 'kernelSize'),
    strides: normalizePair(args.strides ?? 1, who, 'strides'),
    padding: checkPadding(args.padding ?? 'valid', who),
    dilationRate: normalizePair(args.dilationRate ?? 1, who, 'dilationRate'),
  };
  checkStridesWithDilation(window.strides, window.dilationRate, who);
  checkDataFormat(args.dataFormat, who);
  return window;
}

/** Keras's rule for every convolution layer (1D and 2D): a stride above 1 and a dilation above 1 do not combine. */
export function checkStridesWithDilation(strides: readonly number[], dilationRate: readonly number[], who: string): void {
  if (Math.max(...strides) > 1 && Math.max(...dilationRate) > 1) {
    throw new ValueError(`${who}: strides > 1 cannot be combined with dilationRate > 1, got strides [${strides.join(', ')}] and dilationRate [${dilationRate.join(', ')}]`);
  }
}

/** The window's part of `getConfig()`, in TensorFlow.js's key order. */
export function convWindowConfig(w: ConvWindow): Record<string, unknown> {
  return { kernelSize: [...w.kernelSize], strides: [...w.strides], padding: w.padding, dataFormat: 'channelsLast', dilationRate: [...w.dilationRate] };
}

/** The channel count of a rank-4 NHWC input shape, which must be known: a layer's weights depend on it. */
export function inputChannels(inputShape: LayerShape, who: string): number {
  const channels = inputShape[3];
  if (inputShape.length !== 4 || channels === null) {
    throw new ShapeError(`${who}: expected input of rank 4 [batch, height, width, channels] with known channels, got ${fmtShape(inputShape)}`);
  }
  return channels;
}

/** The depthwise kernel's options (DepthwiseConv2D, SeparableConv2D). */
export interface DepthwiseArgs {
  /** Output channels per input channel. Default 1. */
  depthMultiplier?: number;
  depthwiseInitializer?: InitializerIdentifier;
  depthwiseRegularizer?: RegularizerIdentifier | null;
  depthwiseConstraint?: ConstraintIdentifier | null;
}

export interface DepthwiseOptions {
  depthMultiplier: number;
  depthwiseInitializer: Initializer;
  depthwiseRegularizer: L1L2 | null;
  depthwiseConstraint: Constraint | null;
}

export function resolveDepthwiseOptions(args: DepthwiseArgs, who: string): DepthwiseOptions {
  return {
    depthMultiplier: checkPositiveInt(args.depthMultiplier ?? 1, who, 'depthMultiplier'),
    depthwiseInitializer: getInitializer(args.depthwiseInitializer ?? 'glorotUniform', `${who}: depthwiseInitializer`),
    depthwiseRegularizer: getRegularizer(args.depthwiseRegularizer, `${who}: depthwiseRegularizer`),
    depthwiseConstraint: getConstraint(args.depthwiseConstraint, `${who}: depthwiseConstraint`),
  };
}
