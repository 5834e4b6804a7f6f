import { fmtShape, keywordOrPositional, matMul, optionKeys, reshape, ValueError, type Tensor, type Variable } from '@strata/core';
import { applyActivation, splitActivation, type ActivationIdentifier } from '../activation_functions';
import { Layer, LAYER_KEYS, type CallArgs, type LayerArgs } from '../engine/layer';
import type { LayerShape } from '../engine/shape';
import type { Initializer } from '../initializers';
import type { L1L2 } from '../regularizers';
import type { Constraint } from '../constraints';
import { KERNEL_KEYS, kernelOptionsConfig, resolveKernelOptions, type KernelLayerArgs } from '../utils/kernel_options';
import { checkPositiveInt } from '../utils/args';

export interface DenseArgs extends LayerArgs, KernelLayerArgs {
  units: number;
  /** Input width, for a first layer (Keras's input_dim). */
  inputDim?: number;
}

const DENSE_KEYS = [...LAYER_KEYS, ...KERNEL_KEYS, ...optionKeys<Pick<DenseArgs, 'units' | 'inputDim'>>()({ units: true, inputDim: true })];

/** output = activation(input · kernel + bias), on the last axis; kernel is [inUnits, units]. */
export class Dense extends Layer {
  readonly units: number;
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

  /** Keras's positional form: `new Dense(64, { activation: 'relu' })`. */
  constructor(units: number, args?: Omit<DenseArgs, 'units'>);
  constructor(args: DenseArgs);
  constructor(unitsOrArgs: number | DenseArgs, options?: Omit<DenseArgs, 'units'>) {
    const args = keywordOrPositional<DenseArgs>('Dense', { units: unitsOrArgs }, options, DENSE_KEYS);
    super(args.inputDim !== undefined && !args.inputShape && !args.batchInputShape ? { ...args, inputShape: [args.inputDim] } : args, 'Dense', DENSE_KEYS);
    const who = this.describe();
    this.units = checkPositiveInt(args.units, who, 'units');
    ({
      activation: this.activation, useBias: this.useBias, kernelInitializer: this.kernelInitializer,
      biasInitializer: this.biasInitializer, kernelRegularizer: this.kernelRegularizer, biasRegularizer: this.biasRegularizer,
      kernelConstraint: this.kernelConstraint, biasConstraint: this.biasConstraint,
    } = resolveKernelOptions(args, who));
  }

  override build(inputShape: LayerShape): void {
    const inUnits = inputShape[inputShape.length - 1];
    if (inputShape.length < 2 || inUnits === null) {
      throw new ValueError(`${this.describe()}: needs an input of rank >= 2 with a known last dimension, got ${fmtShape(inputShape)}`);
    }
    this.kernel = this.addWeight('kernel', [inUnits, this.units], this.kernelInitializer, { regularizer: this.kernelRegularizer, constraint: this.kernelConstraint });
    if (this.useBias) this.bias = this.addWeight('bias', [this.units], this.biasInitializer, { regularizer: this.biasRegularizer, constraint: this.biasConstraint });
    this.inputSpec = { minNdim: 2, axes: { [-1]: inUnits }, layout: '[batch, ..., features]' };
  }

  call(x: Tensor, _args: CallArgs): Tensor {
    const { fused, after } = splitActivation(this.activation);
    return applyActivation(after, this.affine(x, fused));
  }

  /**
   * The output before the activation (the logits of a softmax layer): losses use it to compute
   * cross-entropy stably, as Keras does internally. The layer must be built.
   */
  callPreActivation(x: Tensor): Tensor {
    return this.affine(x, 'linear');
  }

  private affine(x: Tensor, activation: 'linear' | 'relu'): Tensor {
    // Keras applies Dense to the last axis of higher-rank inputs: flatten the leading axes.
    const flat = x.rank === 2 ? x : reshape(x, [-1, x.shape[x.rank - 1]]);
    const y = matMul(flat, this.kernel as Variable, { bias: this.bias, activation });
    return x.rank === 2 ? y : reshape(y, [...x.shape.slice(0, -1), this.units]);
  }

  override computeOutputShape(inputShape: LayerShape): LayerShape {
    return [...inputShape.slice(0, -1), this.units];
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      units: this.units,
      ...kernelOptionsConfig(this),
    };
  }

  static fromConfig(config: Record<string, unknown>): Dense {
    return new Dense(config as unknown as DenseArgs);
  }
}

