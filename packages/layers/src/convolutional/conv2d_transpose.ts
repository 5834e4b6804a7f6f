import {
  add, conv2dTranspose, deconvOutputLength, fmtShape, keywordOrPositional, optionKeys, ShapeError, ValueError, type Tensor, type Variable,
} from '@strata/core';
import { applyActivation, type ActivationIdentifier } from '../activation_functions';
import { Layer, LAYER_KEYS, type CallArgs, type LayerArgs } from '../engine/layer';
import type { LayerShape } from '../engine/shape';
import type { Initializer } from '../initializers';
import type { L1L2 } from '../regularizers';
import type { Constraint } from '../constraints';
import { KERNEL_KEYS, kernelOptionsConfig, resolveKernelOptions, type KernelLayerArgs } from '../utils/kernel_options';
import { inputChannels, resolveConvWindow, type ConvWindowArgs } from '../utils/conv_args';
import { checkPositiveInt } from '../utils/args';

export interface Conv2DTransposeArgs extends LayerArgs, KernelLayerArgs, ConvWindowArgs {
  filters: number;
  /** Extra rows / columns at the end of the output, each below its stride; null (default): Keras's default size. */
  outputPadding?: number | [number, number] | null;
}

const CONV2D_TRANSPOSE_KEYS = [
  ...LAYER_KEYS, ...KERNEL_KEYS,
  ...optionKeys<Omit<Conv2DTransposeArgs, keyof LayerArgs | keyof KernelLayerArgs>>()({
    filters: true, kernelSize: true, strides: true, padding: true, outputPadding: true, dilationRate: true, dataFormat: true,
  }),
];

/**
 * Transposed 2D convolution ("deconvolution") of NHWC input: the gradient of a Conv2D with respect
 * to its input, used to upsample. Kernel [kh, kw, filters, inChannels] ('kernel'), 'bias'
 * [filters], as Keras; output size as Keras's deconv_output_length.
 */
export class Conv2DTranspose extends Layer {
  readonly filters: number;
  readonly kernelSize: [number, number];
  readonly strides: [number, number];
  readonly padding: 'valid' | 'same';
  readonly outputPadding: [number, number] | null;
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

  /** Keras's positional form: `new Conv2DTranspose(32, 3, { strides: 2, padding: 'same' })`. */
  constructor(filters: number, kernelSize: number | [number, number], args?: Omit<Conv2DTransposeArgs, 'filters' | 'kernelSize'>);
  constructor(args: Conv2DTransposeArgs);
  constructor(filtersOrArgs: number | Conv2DTransposeArgs, kernelSize?: number | [number, number], options?: Omit<Conv2DTransposeArgs, 'filters' | 'kernelSize'>) {
    const args = keywordOrPositional<Conv2DTransposeArgs>('Conv2DTranspose', { filters: filtersOrArgs, kernelSize }, options, CONV2D_TRANSPOSE_KEYS);
    super(args, 'Conv2DTranspose', CONV2D_TRANSPOSE_KEYS);
    const who = this.describe();
    this.filters = checkPositiveInt(args.filters, who, 'filters');
    ({ kernelSize: this.kernelSize, strides: this.strides, padding: this.padding, dilationRate: this.dilationRate } = resolveConvWindow(args, who));
    this.outputPadding = this.checkOutputPadding(args.outputPadding ?? null);
    ({
      activation: this.activation, useBias: this.useBias, kernelInitializer: this.kernelInitializer,
      biasInitializer: this.biasInitializer, kernelRegularizer: this.kernelRegularizer, biasRegularizer: this.biasRegularizer,
      kernelConstraint: this.kernelConstraint, biasConstraint: this.biasConstraint,
    } = resolveKernelOptions(args, who));
  }

  /** Keras: each outputPadding below its stride (and so below any dilation, which forces stride 1). */
  private checkOutputPadding(v: unknown): [number, number] | null {
    if (v === null) return null;
    const p = typeof v === 'number' ? [v, v] : Array.isArray(v) && v.length === 2 ? v : null;
    if (!p || !p.every((x, i) => Number.isInteger(x) && x >= 0 && x < Math.max(this.strides[i], this.dilationRate[i]))) {
      throw new ValueError(`${this.describe()}: outputPadding must be null or non-negative integers each below its stride, got ${JSON.stringify(v)} with strides [${this.strides.join(', ')}]`);
    }
    return [p[0], p[1]];
  }

  override build(inputShape: LayerShape): void {
    const channels = inputChannels(inputShape, this.describe());
    const [kh, kw] = this.kernelSize;
    this.kernel = this.addWeight('kernel', [kh, kw, this.filters, channels], this.kernelInitializer, { regularizer: this.kernelRegularizer, constraint: this.kernelConstraint });
    if (this.useBias) this.bias = this.addWeight('bias', [this.filters], this.biasInitializer, { regularizer: this.biasRegularizer, constraint: this.biasConstraint });
    this.inputSpec = { ndim: 4, axes: { [-1]: channels }, layout: '[batch, height, width, channels]' };
  }

  call(x: Tensor, _args: CallArgs): Tensor {
    const y = conv2dTranspose(x, this.kernel as Variable, {
      strides: this.strides, padding: this.padding, outputPadding: this.outputPadding, dilationRate: this.dilationRate,
    });
    return applyActivation(this.activation, this.bias ? add(y, this.bias) : y);
  }

  override computeOutputShape(inputShape: LayerShape): LayerShape {
    if (inputShape.length !== 4) {
      throw new ShapeError(`${this.describe()}: expected input of rank 4 [batch, height, width, channels], got ${fmtShape(inputShape)}`);
    }
    const [h, w] = [0, 1].map((i) => {
      const n = inputShape[i + 1];
      return n === null ? null : deconvOutputLength(n, this.kernelSize[i], this.strides[i], this.dilationRate[i], this.padding, this.outputPadding ? this.outputPadding[i] : null);
    });
    return [inputShape[0], h, w, this.filters];
  }

  override getConfig(): Record<string, unknown> {
    // TensorFlow.js 4.22 writes Conv2D's keys without dilationRate and has no outputPadding: both are
    // written only when set, so a default layer's config is exactly TensorFlow.js's.
    return {
      ...super.getConfig(),
      filters: this.filters,
      kernelSize: [...this.kernelSize],
      strides: [...this.strides],
      padding: this.padding,
      dataFormat: 'channelsLast',
      ...(this.outputPadding ? { outputPadding: [...this.outputPadding] } : {}),
      ...(this.dilationRate.some((d) => d > 1) ? { dilationRate: [...this.dilationRate] } : {}),
      ...kernelOptionsConfig(this),
    };
  }

  static fromConfig(config: Record<string, unknown>): Conv2DTranspose {
    return new Conv2DTranspose(config as unknown as Conv2DTransposeArgs);
  }
}
