import { conv2d, fmtShape, keywordOrPositional, normalizePair, optionKeys, ShapeError, type Tensor, type Variable } from '@strata/core';
import { applyActivation, splitActivation, type ActivationIdentifier } from '../activation_functions';
import { Layer, LAYER_KEYS, type CallArgs, type LayerArgs } from '../engine/layer';
import type { LayerShape } from '../engine/shape';
import { spatialOutputSize } from '../utils/spatial_shape';
import type { Initializer } from '../initializers';
import type { L1L2 } from '../regularizers';
import type { Constraint } from '../constraints';
import { KERNEL_KEYS, kernelOptionsConfig, resolveKernelOptions, type KernelLayerArgs } from '../utils/kernel_options';
import { checkDataFormat, checkPadding, checkPositiveInt } from '../utils/args';

export interface Conv2DArgs extends LayerArgs, KernelLayerArgs {
  filters: number;
  kernelSize: number | [number, number];
  strides?: number | [number, number];
  padding?: 'valid' | 'same';
  dilationRate?: number | [number, number];
  /** Only 'channelsLast' (NHWC), Keras's default. */
  dataFormat?: 'channelsLast';
}

const CONV2D_KEYS = [
  ...LAYER_KEYS, ...KERNEL_KEYS,
  ...optionKeys<Omit<Conv2DArgs, keyof LayerArgs | keyof KernelLayerArgs>>()({ filters: true, kernelSize: true, strides: true, padding: true, dilationRate: true, dataFormat: true }),
];

/** 2D convolution over NHWC input; kernel [kh, kw, inChannels, filters], as Keras lays it out. */
export class Conv2D extends Layer {
  readonly filters: number;
  readonly kernelSize: [number, number];
  readonly strides: [number, number];
  readonly padding: 'valid' | 'same';
  readonly dilationRate: [number, number];
  readonly activation: ActivationIdentifier;
  readonly useBias: boolean;
  readonly kernelInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly kernelRegularizer: L1L2 | null;
  readonly biasRegularizer: L1L2 | null;
  readonly kernelConstraint: Constraint | null;
  readonly biasConstraint: Constraint | null;
  kernel: Variable | null = null;
  bias: Variable | null = null;

  /** Keras's positional form: `new Conv2D(32, [3, 3], { activation: 'relu' })` or `new Conv2D(32, 3, ...)`. */
  constructor(filters: number, kernelSize: number | [number, number], args?: Omit<Conv2DArgs, 'filters' | 'kernelSize'>);
  constructor(args: Conv2DArgs);
  constructor(filtersOrArgs: number | Conv2DArgs, kernelSize?: number | [number, number], options?: Omit<Conv2DArgs, 'filters' | 'kernelSize'>) {
    const args = keywordOrPositional<Conv2DArgs>('Conv2D', { filters: filtersOrArgs, kernelSize }, options, CONV2D_KEYS);
    super(args, 'Conv2D', CONV2D_KEYS);
    const who = this.describe();
    this.filters = checkPositiveInt(args.filters, who, 'filters');
    this.kernelSize = normalizePair(args.kernelSize, who, 'kernelSize');
    this.strides = normalizePair(args.strides ?? 1, who, 'strides');
    this.padding = checkPadding(args.padding ?? 'valid', who);
    this.dilationRate = normalizePair(args.dilationRate ?? 1, who, 'dilationRate');
    checkDataFormat(args.dataFormat, who);
    ({
      activation: this.activation, useBias: this.useBias, kernelInitializer: this.kernelInitializer,
      biasInitializer: this.biasInitializer, kernelRegularizer: this.kernelRegularizer, biasRegularizer: this.biasRegularizer,
      kernelConstraint: this.kernelConstraint, biasConstraint: this.biasConstraint,
    } = resolveKernelOptions(args, who));
  }

  override build(inputShape: LayerShape): void {
    const channels = inputShape[3];
    if (inputShape.length !== 4 || channels === null) {
      throw new ShapeError(`${this.describe()}: expected input of rank 4 [batch, height, width, channels] with known channels, got ${fmtShape(inputShape)}`);
    }
    this.computeOutputShape(inputShape); // validates the spatial size before any weight exists
    const [kh, kw] = this.kernelSize;
    this.kernel = this.addWeight('kernel', [kh, kw, channels, this.filters], this.kernelInitializer, { regularizer: this.kernelRegularizer, constraint: this.kernelConstraint });
    if (this.useBias) this.bias = this.addWeight('bias', [this.filters], this.biasInitializer, { regularizer: this.biasRegularizer, constraint: this.biasConstraint });
    this.inputSpec = { ndim: 4, axes: { [-1]: channels }, layout: '[batch, height, width, channels]' };
  }

  call(x: Tensor, _args: CallArgs): Tensor {
    const { fused, after } = splitActivation(this.activation);
    const y = conv2d(x, this.kernel as Variable, {
      strides: this.strides, padding: this.padding, dilationRate: this.dilationRate, bias: this.bias, activation: fused,
    });
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
      kernelSize: [...this.kernelSize],
      strides: [...this.strides],
      padding: this.padding,
      dataFormat: 'channelsLast',
      dilationRate: [...this.dilationRate],
      ...kernelOptionsConfig(this),
    };
  }

  static fromConfig(config: Record<string, unknown>): Conv2D {
    return new Conv2D(config as unknown as Conv2DArgs);
  }
}
