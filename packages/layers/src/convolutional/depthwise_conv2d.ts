import { depthwiseConv2d, keywordOrPositional, optionKeys, type Tensor, type Variable } from '@strata/core';
import { applyActivation, splitActivation, type ActivationIdentifier } from '../activation_functions';
import { Layer, LAYER_KEYS, type CallArgs, type LayerArgs } from '../engine/layer';
import type { LayerShape } from '../engine/shape';
import { serializeInitializer, type Initializer } from '../initializers';
import { serializeRegularizer, type L1L2 } from '../regularizers';
import { serializeConstraint, type Constraint } from '../constraints';
import { spatialOutputSize } from '../utils/spatial_shape';
import { resolveKernelOptions } from '../utils/kernel_options';
import {
  BIAS_KEYS, convWindowConfig, inputChannels, resolveConvWindow, resolveDepthwiseOptions,
  type BiasLayerArgs, type ConvWindowArgs, type DepthwiseArgs,
} from '../utils/conv_args';

export interface DepthwiseConv2DArgs extends LayerArgs, BiasLayerArgs, ConvWindowArgs, DepthwiseArgs {}

const DEPTHWISE_CONV2D_KEYS = [
  ...LAYER_KEYS, ...BIAS_KEYS,
  ...optionKeys<Omit<DepthwiseConv2DArgs, keyof LayerArgs | keyof BiasLayerArgs>>()({
    kernelSize: true, strides: true, padding: true, depthMultiplier: true, dilationRate: true, dataFormat: true,
    depthwiseInitializer: true, depthwiseRegularizer: true, depthwiseConstraint: true,
  }),
];

/**
 * Depthwise 2D convolution over NHWC input: each input channel convolved with its own
 * depthMultiplier filters, no mixing across channels. Kernel [kh, kw, inChannels, depthMultiplier]
 * ('depthwise_kernel'), output channel c * depthMultiplier + m, as Keras.
 */
export class DepthwiseConv2D extends Layer {
  readonly kernelSize: [number, number];
  readonly strides: [number, number];
  readonly padding: 'valid' | 'same';
  readonly dilationRate: [number, number];
  readonly depthMultiplier: number;
  readonly activation: ActivationIdentifier;
  readonly useBias: boolean;
  readonly depthwiseInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly depthwiseRegularizer: L1L2 | null;
  readonly biasRegularizer: L1L2 | null;
  readonly depthwiseConstraint: Constraint | null;
  readonly biasConstraint: Constraint | null;
  depthwiseKernel: Variable | null = null;
  bias: Variable | null = null;

  /** Keras's positional form: `new DepthwiseConv2D(3, { depthMultiplier: 2 })` or `new DepthwiseConv2D([3, 3])`. */
  constructor(kernelSize: number | [number, number], args?: Omit<DepthwiseConv2DArgs, 'kernelSize'>);
  constructor(args: DepthwiseConv2DArgs);
  constructor(kernelSizeOrArgs: number | [number, number] | DepthwiseConv2DArgs, options?: Omit<DepthwiseConv2DArgs, 'kernelSize'>) {
    const args = keywordOrPositional<DepthwiseConv2DArgs>('DepthwiseConv2D', { kernelSize: kernelSizeOrArgs }, options, DEPTHWISE_CONV2D_KEYS);
    super(args, 'DepthwiseConv2D', DEPTHWISE_CONV2D_KEYS);
    const who = this.describe();
    ({ kernelSize: this.kernelSize, strides: this.strides, padding: this.padding, dilationRate: this.dilationRate } = resolveConvWindow(args, who));
    ({
      depthMultiplier: this.depthMultiplier, depthwiseInitializer: this.depthwiseInitializer, depthwiseRegularizer: this.depthwiseRegularizer,
      depthwiseConstraint: this.depthwiseConstraint,
    } = resolveDepthwiseOptions(args, who));
    ({
      activation: this.activation, useBias: this.useBias, biasInitializer: this.biasInitializer, biasRegularizer: this.biasRegularizer,
      biasConstraint: this.biasConstraint,
    } = resolveKernelOptions(args, who));
  }

  override build(inputShape: LayerShape): void {
    const channels = inputChannels(inputShape, this.describe());
    this.computeOutputShape(inputShape); // validates the spatial size before any weight exists
    const [kh, kw] = this.kernelSize;
    this.depthwiseKernel = this.addWeight('depthwise_kernel', [kh, kw, channels, this.depthMultiplier], this.depthwiseInitializer, { regularizer: this.depthwiseRegularizer, constraint: this.depthwiseConstraint });
    if (this.useBias) this.bias = this.addWeight('bias', [channels * this.depthMultiplier], this.biasInitializer, { regularizer: this.biasRegularizer, constraint: this.biasConstraint });
    this.inputSpec = { ndim: 4, axes: { [-1]: channels }, layout: '[batch, height, width, channels]' };
  }

  call(x: Tensor, _args: CallArgs): Tensor {
    const { fused, after } = splitActivation(this.activation);
    const y = depthwiseConv2d(x, this.depthwiseKernel as Variable, {
      strides: this.strides, padding: this.padding, dilationRate: this.dilationRate, bias: this.bias, activation: fused,
    });
    return applyActivation(after, y);
  }

  override computeOutputShape(inputShape: LayerShape): LayerShape {
    const [h, w] = spatialOutputSize(inputShape, { kind: 'kernel', size: this.kernelSize, strides: this.strides, dilation: this.dilationRate, padding: this.padding }, this.describe());
    const channels = inputShape[3];
    return [inputShape[0], h, w, channels === null ? null : channels * this.depthMultiplier];
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      ...convWindowConfig(this),
      depthMultiplier: this.depthMultiplier,
      activation: this.activation,
      useBias: this.useBias,
      depthwiseInitializer: serializeInitializer(this.depthwiseInitializer),
      biasInitializer: serializeInitializer(this.biasInitializer),
      depthwiseRegularizer: serializeRegularizer(this.depthwiseRegularizer),
      biasRegularizer: serializeRegularizer(this.biasRegularizer),
      depthwiseConstraint: serializeConstraint(this.depthwiseConstraint),
      biasConstraint: serializeConstraint(this.biasConstraint),
    };
  }

  static fromConfig(config: Record<string, unknown>): DepthwiseConv2D {
    return new DepthwiseConv2D(config as unknown as DepthwiseConv2DArgs);
  }
}
