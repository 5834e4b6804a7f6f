import {
  conv2d, expandDims, fmtShape, fmtValue, keywordOrPositional, optionKeys, pad, reshape, ShapeError, squeeze, ValueError,
  type Tensor, type Variable,
} from '@strata/core';
import { applyActivation, splitActivation, type ActivationIdentifier } from '../activation_functions';
import { Layer, LAYER_KEYS, type CallArgs, type LayerArgs } from '../engine/layer';
import type { LayerShape } from '../engine/shape';
import { sequenceOutputLength } from '../utils/spatial_shape';
import type { Initializer } from '../initializers';
import type { L1L2 } from '../regularizers';
import type { Constraint } from '../constraints';
import { KERNEL_KEYS, kernelOptionsConfig, resolveKernelOptions, type KernelLayerArgs } from '../utils/kernel_options';
import { checkDataFormat, checkPositiveInt, checkSingle } from '../utils/args';
import { checkStridesWithDilation } from '../utils/conv_args';

export interface Conv1DArgs extends LayerArgs, KernelLayerArgs {
  filters: number;
  kernelSize: number | [number];
  strides?: number | [number];
  /** 'causal' left-pads (kernelSize - 1) * dilationRate zeros: output t sees inputs up to t only. */
  padding?: 'valid' | 'same' | 'causal';
  dilationRate?: number | [number];
  /** Only 'channelsLast' ([batch, steps, channels]), Keras's default. */
  dataFormat?: 'channelsLast';
}

const CONV1D_KEYS = [
  ...LAYER_KEYS, ...KERNEL_KEYS,
  ...optionKeys<Omit<Conv1DArgs, keyof LayerArgs | keyof KernelLayerArgs>>()({ filters: true, kernelSize: true, strides: true, padding: true, dilationRate: true, dataFormat: true }),
];

/**
 * 1D convolution over [batch, steps, channels]; kernel [kernelSize, inChannels, filters], as Keras
 * lays it out. Computed by the 2D convolution on the input viewed as [batch, 1, steps, channels]
 * with the kernel viewed as [1, kernelSize, inChannels, filters]: one convolution implementation.
 */
export class Conv1D extends Layer {
  readonly filters: number;
  readonly kernelSize: number;
  readonly strides: number;
  readonly padding: 'valid' | 'same' | 'causal';
  readonly dilationRate: number;
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

  /** Keras's positional form: `new Conv1D(16, 3, { padding: 'causal' })`. */
  constructor(filters: number, kernelSize: number | [number], args?: Omit<Conv1DArgs, 'filters' | 'kernelSize'>);
  constructor(args: Conv1DArgs);
  constructor(filtersOrArgs: number | Conv1DArgs, kernelSize?: number | [number], options?: Omit<Conv1DArgs, 'filters' | 'kernelSize'>) {
    const args = keywordOrPositional<Conv1DArgs>('Conv1D', { filters: filtersOrArgs, kernelSize }, options, CONV1D_KEYS);
    super(args, 'Conv1D', CONV1D_KEYS);
    const who = this.describe();
    this.filters = checkPositiveInt(args.filters, who, 'filters');
    this.kernelSize = checkSingle(args.kernelSize, who, 'kernelSize');
    this.strides = checkSingle(args.strides ?? 1, who, 'strides');
    const padding = args.padding ?? 'valid';
    if (padding !== 'valid' && padding !== 'same' && padding !== 'causal') {
      throw new ValueError(`${who}: padding must be 'valid', 'same' or 'causal', got ${fmtValue(padding)}`);
    }
    this.padding = padding;
    this.dilationRate = checkSingle(args.dilationRate ?? 1, who, 'dilationRate');
    checkStridesWithDilation([this.strides], [this.dilationRate], who);
    checkDataFormat(args.dataFormat, who);
    ({
      activation: this.activation, useBias: this.useBias, kernelInitializer: this.kernelInitializer,
      biasInitializer: this.biasInitializer, kernelRegularizer: this.kernelRegularizer, biasRegularizer: this.biasRegularizer,
      kernelConstraint: this.kernelConstraint, biasConstraint: this.biasConstraint,
    } = resolveKernelOptions(args, who));
  }

  override build(inputShape: LayerShape): void {
    const channels = inputShape[2];
    if (inputShape.length !== 3 || channels === null) {
      throw new ShapeError(`${this.describe()}: expected input of rank 3 [batch, steps, channels] with known channels, got ${fmtShape(inputShape)}`);
    }
    this.computeOutputShape(inputShape); // validates the length before any weight exists
    this.kernel = this.addWeight('kernel', [this.kernelSize, channels, this.filters], this.kernelInitializer, { regularizer: this.kernelRegularizer, constraint: this.kernelConstraint });
    if (this.useBias) this.bias = this.addWeight('bias', [this.filters], this.biasInitializer, { regularizer: this.biasRegularizer, constraint: this.biasConstraint });
    this.inputSpec = { ndim: 3, axes: { [-1]: channels }, layout: '[batch, steps, channels]' };
  }

  call(x: Tensor, _args: CallArgs): Tensor {
    let x4 = expandDims(x, 1);
    if (this.padding === 'causal') x4 = pad(x4, [[0, 0], [0, 0], [(this.kernelSize - 1) * this.dilationRate, 0], [0, 0]]);
    const kernel = this.kernel as Variable;
    const { fused, after } = splitActivation(this.activation);
    const y = conv2d(x4, reshape(kernel, [1, ...kernel.shape]), {
      strides: [1, this.strides], padding: this.padding === 'same' ? 'same' : 'valid', dilationRate: [1, this.dilationRate], bias: this.bias, activation: fused,
    });
    return applyActivation(after, squeeze(y, [1]));
  }

  override computeOutputShape(inputShape: LayerShape): LayerShape {
    const steps = sequenceOutputLength(inputShape, { kind: 'kernel', size: this.kernelSize, stride: this.strides, dilation: this.dilationRate, padding: this.padding }, this.describe());
    return [inputShape[0], steps, this.filters];
  }

  /** As TensorFlow.js writes Conv1D: one-element arrays, no dataFormat. */
  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      filters: this.filters,
      kernelSize: [this.kernelSize],
      strides: [this.strides],
      padding: this.padding,
      dilationRate: [this.dilationRate],
      ...kernelOptionsConfig(this),
    };
  }

  static fromConfig(config: Record<string, unknown>): Conv1D {
    return new Conv1D(config as unknown as Conv1DArgs);
  }
}
