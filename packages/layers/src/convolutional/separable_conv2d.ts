import { conv2d, depthwiseConv2d, keywordOrPositional, optionKeys, type Tensor, type Variable } from '@strata/core';
import { applyActivation, splitActivation, type ActivationIdentifier } from '../activation_functions';
import { Layer, LAYER_KEYS, type CallArgs, type LayerArgs } from '../engine/layer';
import type { LayerShape } from '../engine/shape';
import { getInitializer, serializeInitializer, type Initializer, type InitializerIdentifier } from '../initializers';
import { getRegularizer, serializeRegularizer, type L1L2, type RegularizerIdentifier } from '../regularizers';
import { getConstraint, serializeConstraint, type Constraint, type ConstraintIdentifier } from '../constraints';
import { spatialOutputSize } from '../utils/spatial_shape';
import { resolveKernelOptions } from '../utils/kernel_options';
import {
  BIAS_KEYS, convWindowConfig, inputChannels, resolveConvWindow, resolveDepthwiseOptions,
  type BiasLayerArgs, type ConvWindowArgs, type DepthwiseArgs,
} from '../utils/conv_args';
import { checkPositiveInt } from '../utils/args';

export interface SeparableConv2DArgs extends LayerArgs, BiasLayerArgs, ConvWindowArgs, DepthwiseArgs {
  filters: number;
  pointwiseInitializer?: InitializerIdentifier;
  pointwiseRegularizer?: RegularizerIdentifier | null;
  pointwiseConstraint?: ConstraintIdentifier | null;
}

const SEPARABLE_CONV2D_KEYS = [
  ...LAYER_KEYS, ...BIAS_KEYS,
  ...optionKeys<Omit<SeparableConv2DArgs, keyof LayerArgs | keyof BiasLayerArgs>>()({
    filters: true, kernelSize: true, strides: true, padding: true, depthMultiplier: true, dilationRate: true, dataFormat: true,
    depthwiseInitializer: true, pointwiseInitializer: true, depthwiseRegularizer: true, pointwiseRegularizer: true,
    depthwiseConstraint: true, pointwiseConstraint: true,
  }),
];

/**
 * Depthwise separable 2D convolution: a depthwise conv (strides, padding and dilation apply
 * here) then a 1x1 conv mixing channels, with the bias and activation. Weights as Keras:
 * 'depthwise_kernel' [kh, kw, in, depthMultiplier], 'pointwise_kernel' [1, 1, in * depthMultiplier,
 * filters], 'bias' [filters].
 */
export class SeparableConv2D extends Layer {
  readonly filters: number;
  readonly kernelSize: [number, number];
  readonly strides: [number, number];
  readonly padding: 'valid' | 'same';
  readonly depthMultiplier: number;
  readonly dilationRate: [number, number];
  readonly activation: ActivationIdentifier;
  readonly useBias: boolean;
  readonly depthwiseInitializer: Initializer;
  readonly pointwiseInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly depthwiseRegularizer: L1L2 | null;
  readonly pointwiseRegularizer: L1L2 | null;
  readonly biasRegularizer: L1L2 | null;
  readonly depthwiseConstraint: Constraint | null;
  readonly pointwiseConstraint: Constraint | null;
  readonly biasConstraint: Constraint | null;
  depthwiseKernel: Variable | null = null;
  pointwiseKernel: Variable | null = null;
  bias: Variable | null = null;

  /** Keras's positional form: `new SeparableConv2D(64, 3, { activation: 'relu' })`. */
  constructor(filters: number, kernelSize: number | [number, number], args?: Omit<SeparableConv2DArgs, 'filters' | 'kernelSize'>);
  constructor(args: SeparableConv2DArgs);
  constructor(filtersOrArgs: number | SeparableConv2DArgs, kernelSize?: number | [number, number], options?: Omit<SeparableConv2DArgs, 'filters' | 'kernelSize'>) {
    const args = keywordOrPositional<SeparableConv2DArgs>('SeparableConv2D', { filters: filtersOrArgs, kernelSize }, options, SEPARABLE_CONV2D_KEYS);
    super(args, 'SeparableConv2D', SEPARABLE_CONV2D_KEYS);
    const who = this.describe();
    this.filters = checkPositiveInt(args.filters, who, 'filters');
    ({ kernelSize: this.kernelSize, strides: this.strides, padding: this.padding, dilationRate: this.dilationRate } = resolveConvWindow(args, who));
    ({
      depthMultiplier: this.depthMultiplier, depthwiseInitializer: this.depthwiseInitializer, depthwiseRegularizer: this.depthwiseRegularizer,
      depthwiseConstraint: this.depthwiseConstraint,
    } = resolveDepthwiseOptions(args, who));
    ({
      activation: this.activation, useBias: this.useBias, biasInitializer: this.biasInitializer, biasRegularizer: this.biasRegularizer,
      biasConstraint: this.biasConstraint,
    } = resolveKernelOptions(args, who));
    this.pointwiseInitializer = getInitializer(args.pointwiseInitializer ?? 'glorotUniform', `${who}: pointwiseInitializer`);
    this.pointwiseRegularizer = getRegularizer(args.pointwiseRegularizer, `${who}: pointwiseRegularizer`);
    this.pointwiseConstraint = getConstraint(args.pointwiseConstraint, `${who}: pointwiseConstraint`);
  }

  override build(inputShape: LayerShape): void {
    const channels = inputChannels(inputShape, this.describe());
    this.computeOutputShape(inputShape); // validates the spatial size before any weight exists
    const [kh, kw] = this.kernelSize;
    const dm = this.depthMultiplier;
    this.depthwiseKernel = this.addWeight('depthwise_kernel', [kh, kw, channels, dm], this.depthwiseInitializer, { regularizer: this.depthwiseRegularizer, constraint: this.depthwiseConstraint });
    this.pointwiseKernel = this.addWeight('pointwise_kernel', [1, 1, channels * dm, this.filters], this.pointwiseInitializer, { regularizer: this.pointwiseRegularizer, constraint: this.pointwiseConstraint });
    if (this.useBias) this.bias = this.addWeight('bias', [this.filters], this.biasInitializer, { regularizer: this.biasRegularizer, constraint: this.biasConstraint });
    this.inputSpec = { ndim: 4, axes: { [-1]: channels }, layout: '[batch, height, width, channels]' };
  }

  call(x: Tensor, _args: CallArgs): Tensor {
    const { fused, after } = splitActivation(this.activation);
    const depthwise = depthwiseConv2d(x, this.depthwiseKernel as Variable, { strides: this.strides, padding: this.padding, dilationRate: this.dilationRate });
    // A 1x1 stride-1 conv is a GEMM over the pixels: conv2d runs it as one, with the fused epilogue.
    const y = conv2d(depthwise, this.pointwiseKernel as Variable, { bias: this.bias, activation: fused });
    return applyActivation(after, y);
  }

  override computeOutputShape(inputShape: LayerShape): LayerShape {
    const [h, w] = spatialOutputSize(inputShape, { kind: 'kernel', size: this.kernelSize, strides: this.strides, dilation: this.dilationRate, padding: this.padding }, this.describe());
    return [inputShape[0], h, w, this.filters];
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      filters: this.filters,
      ...convWindowConfig(this),
      // TensorFlow.js 4.22 leaves depthMultiplier out of its config but reads it when present; Keras writes it.
      depthMultiplier: this.depthMultiplier,
      activation: this.activation,
      useBias: this.useBias,
      depthwiseInitializer: serializeInitializer(this.depthwiseInitializer),
      pointwiseInitializer: serializeInitializer(this.pointwiseInitializer),
      biasInitializer: serializeInitializer(this.biasInitializer),
      depthwiseRegularizer: serializeRegularizer(this.depthwiseRegularizer),
      pointwiseRegularizer: serializeRegularizer(this.pointwiseRegularizer),
      biasRegularizer: serializeRegularizer(this.biasRegularizer),
      depthwiseConstraint: serializeConstraint(this.depthwiseConstraint),
      pointwiseConstraint: serializeConstraint(this.pointwiseConstraint),
      biasConstraint: serializeConstraint(this.biasConstraint),
    };
  }

  static fromConfig(config: Record<string, unknown>): SeparableConv2D {
    return new SeparableConv2D(config as unknown as SeparableConv2DArgs);
  }
}
