import { elu, keywordOrPositional, optionKeys, type Tensor } from '@strata/core';
import { Layer, LAYER_KEYS, type CallArgs, type LayerArgs } from '../engine/layer';
import type { LayerShape } from '../engine/shape';
import { checkNumberAtLeast } from '../utils/args';

export interface ELUArgs extends LayerArgs {
  /** Scale of the negative part (default 1). */
  alpha?: number;
}

const ELU_KEYS = [...LAYER_KEYS, ...optionKeys<Omit<ELUArgs, keyof LayerArgs>>()({ alpha: true })];

/**
 * x for x > 0, alpha * (exp(x) - 1) otherwise. TensorFlow.js's ELU accepts only alpha = 1 and
 * refuses to load any other.
 */
export class ELU extends Layer {
  readonly alpha: number;

  /** Keras's positional form: `new ELU(0.5)`. */
  constructor(alpha: number, args?: Omit<ELUArgs, 'alpha'>);
  constructor(args?: ELUArgs);
  constructor(alphaOrArgs?: number | ELUArgs, options?: Omit<ELUArgs, 'alpha'>) {
    const args = keywordOrPositional<ELUArgs>('ELU', { alpha: alphaOrArgs }, options, ELU_KEYS) ?? {};
    super(args, 'ELU', ELU_KEYS);
    this.alpha = checkNumberAtLeast(args.alpha, this.describe(), 'alpha', -Infinity, 1);
  }

  call(x: Tensor, _args: CallArgs): Tensor {
    return elu(x, this.alpha);
  }

  override computeOutputShape(inputShape: LayerShape): LayerShape {
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), alpha: this.alpha };
  }

  static fromConfig(config: Record<string, unknown>): ELU {
    return new ELU(config as ELUArgs);
  }
}
