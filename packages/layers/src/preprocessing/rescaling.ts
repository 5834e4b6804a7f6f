import { add, fmtValue, keywordOrPositional, mul, optionKeys, ValueError, type Tensor } from '@strata/core';
import { Layer, LAYER_KEYS, type CallArgs, type LayerArgs } from '../engine/layer';

export interface RescalingArgs extends LayerArgs {
  /** Multiplies the inputs (e.g. 1 / 255). */
  scale: number;
  /** Added after scaling. Default 0. */
  offset?: number;
}

const RESCALING_KEYS = [...LAYER_KEYS, ...optionKeys<Omit<RescalingArgs, keyof LayerArgs>>()({ scale: true, offset: true })];

/**
 * `x * scale + offset`, in training and inference alike (Keras's Rescaling: `[0, 255]` to
 * `[0, 1]` with scale 1 / 255, or to `[-1, 1]` with scale 1 / 127.5 and offset -1). The gradient
 * w.r.t. the input is `scale`; no weights.
 */
export class Rescaling extends Layer {
  readonly scale: number;
  readonly offset: number;

  /** Keras's positional form: `new Rescaling(1 / 255)` or `new Rescaling(1 / 127.5, { offset: -1 })`. */
  constructor(scale: number, args?: Omit<RescalingArgs, 'scale'>);
  constructor(args: RescalingArgs);
  constructor(scaleOrArgs: number | RescalingArgs, options?: Omit<RescalingArgs, 'scale'>) {
    const args = keywordOrPositional<RescalingArgs>('Rescaling', { scale: scaleOrArgs }, options, RESCALING_KEYS);
    super(args, 'Rescaling', RESCALING_KEYS);
    this.scale = finiteNumber(args.scale, this.describe(), 'scale');
    this.offset = args.offset === undefined ? 0 : finiteNumber(args.offset, this.describe(), 'offset');
  }

  call(x: Tensor, _args: CallArgs): Tensor {
    const scaled = mul(x, this.scale);
    return this.offset === 0 ? scaled : add(scaled, this.offset);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), scale: this.scale, offset: this.offset };
  }

  static fromConfig(config: Record<string, unknown>): Rescaling {
    return new Rescaling(config as unknown as RescalingArgs);
  }
}

function finiteNumber(v: unknown, who: string, arg: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ValueError(`${who}: ${arg} must be a finite number, got ${fmtValue(v)}`);
  return v;
}
