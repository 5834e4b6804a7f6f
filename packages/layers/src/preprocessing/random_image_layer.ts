import {
  affineTransform, FILL_MODES, fmtShape, fmtValue, INTERPOLATIONS, makeStatefulRng, optionKeys, restoreRng, ShapeError, ValueError,
  type FillMode, type Interpolation, type Rng, type RngState, type StatefulRng, type Tensor,
} from '@strata/core';
import { Layer, LAYER_KEYS, type CallArgs, type LayerArgs } from '../engine/layer';
import type { LayerShape } from '../engine/shape';
import { checkDataFormat } from '../utils/args';

export interface RandomImageLayerArgs extends LayerArgs {
  /** Fixes the sequence of random transforms the layer draws. */
  seed?: number;
  /** Only 'channelsLast' (NHWC), Keras's default. */
  dataFormat?: 'channelsLast';
}

/** Sampling options of the layers that resample (all but RandomFlip). */
export interface ResamplingArgs {
  /** What lies outside the image. Default 'reflect', as Keras. */
  fillMode?: FillMode;
  /** Default 'bilinear'. */
  interpolation?: Interpolation;
  /** The value outside the image in 'constant' mode. Default 0. */
  fillValue?: number;
}

export const RANDOM_IMAGE_KEYS = [...LAYER_KEYS, ...optionKeys<Omit<RandomImageLayerArgs, keyof LayerArgs>>()({ seed: true, dataFormat: true })];
export const RESAMPLING_KEYS = optionKeys<ResamplingArgs>()({ fillMode: true, interpolation: true, fillValue: true });

/**
 * The base of the random image layers (Keras's BaseImagePreprocessingLayer): identity at
 * inference; in training each image of the batch gets its own transform, drawn by the subclass
 * from the layer's generator and applied by core's `affineTransform`. The generator's state is
 * saved with a checkpoint and restored, as Dropout's, so a resumed run draws what the
 * uninterrupted one would have. The gradient w.r.t. the input is the resampling's exact adjoint
 * (the random parameters themselves are not differentiated, as in Keras).
 */
export abstract class RandomImageLayer extends Layer {
  readonly seed: number | undefined;
  private rng: StatefulRng;

  constructor(args: RandomImageLayerArgs, className: string, validKeys: readonly string[]) {
    super(args, className, validKeys);
    if (args.seed !== undefined && !Number.isSafeInteger(args.seed)) {
      throw new ValueError(`${this.describe()}: seed must be an integer, got ${fmtValue(args.seed)}`);
    }
    checkDataFormat(args.dataFormat, this.describe());
    this.seed = args.seed;
    this.rng = makeStatefulRng(args.seed);
  }

  /** The 8 numbers per image of Keras's affine_transform, drawn from `rng`, for a batch of h x w images. */
  protected abstract drawTransforms(batch: number, height: number, width: number, rng: Rng): Float64Array;

  /** How the drawn transforms sample the image. */
  protected abstract get sampling(): Required<ResamplingArgs>;

  override build(inputShape: LayerShape): void {
    if (inputShape.length !== 4) {
      throw new ShapeError(`${this.describe()}: expected input of rank 4 [batch, height, width, channels], got ${fmtShape(inputShape)}`);
    }
    this.inputSpec = { ndim: 4, layout: '[batch, height, width, channels]' };
  }

  call(x: Tensor, args: CallArgs): Tensor {
    if (!args.training) return x;
    const [batch, height, width] = x.shape;
    return affineTransform(x, this.drawTransforms(batch, height, width, this.rng), this.sampling);
  }

  /** Where the transform generator is in its sequence (for checkpoints). */
  getRngState(): RngState {
    return this.rng.state();
  }

  /** Continues the transform sequence from a `getRngState()` result. */
  setRngState(state: RngState): void {
    this.rng = restoreRng(state, `${this.describe()}: setRngState`);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), seed: this.seed ?? null, dataFormat: 'channelsLast' };
  }
}

/** The random layers that resample (rotation, zoom, translation): Keras's fillMode, interpolation and fillValue. */
export abstract class ResamplingImageLayer extends RandomImageLayer {
  readonly fillMode: FillMode;
  readonly interpolation: Interpolation;
  readonly fillValue: number;

  constructor(args: RandomImageLayerArgs & ResamplingArgs, className: string, validKeys: readonly string[]) {
    super(args, className, validKeys);
    ({ fillMode: this.fillMode, interpolation: this.interpolation, fillValue: this.fillValue } = resolveSampling(args, this.describe()));
  }

  protected get sampling(): Required<ResamplingArgs> {
    return { fillMode: this.fillMode, interpolation: this.interpolation, fillValue: this.fillValue };
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), fillMode: this.fillMode, interpolation: this.interpolation, fillValue: this.fillValue };
  }
}

/** Checks and fills in the sampling options (Keras's defaults: reflect, bilinear, 0). */
function resolveSampling(args: ResamplingArgs, who: string): Required<ResamplingArgs> {
  const { fillMode = 'reflect', interpolation = 'bilinear', fillValue = 0 } = args;
  if (!FILL_MODES.includes(fillMode)) throw new ValueError(`${who}: fillMode must be one of ${FILL_MODES.map((m) => `'${m}'`).join(', ')}, got ${fmtValue(fillMode)}`);
  if (!INTERPOLATIONS.includes(interpolation)) throw new ValueError(`${who}: interpolation must be one of ${INTERPOLATIONS.map((m) => `'${m}'`).join(', ')}, got ${fmtValue(interpolation)}`);
  if (typeof fillValue !== 'number' || !Number.isFinite(fillValue)) throw new ValueError(`${who}: fillValue must be a finite number, got ${fmtValue(fillValue)}`);
  return { fillMode, interpolation, fillValue };
}

/** A range factor as Keras's image layers read it: f gives [-|f|, |f|], a pair is sorted; every bound in [-1, 1]. */
export function factorRange(v: unknown, who: string, arg: string): [number, number] {
  const inRange = (f: unknown): f is number => typeof f === 'number' && f >= -1 && f <= 1;
  if (inRange(v)) return [-Math.abs(v), Math.abs(v)];
  if (Array.isArray(v) && v.length === 2 && v.every(inRange)) return [Math.min(v[0], v[1]), Math.max(v[0], v[1])];
  throw new ValueError(`${who}: ${arg} must be a number or a pair [lower, upper] of numbers in [-1, 1], got ${fmtValue(v)}`);
}

/** A factor as given (a pair copied), for getConfig. */
export type Factor = number | [number, number];
export const copyFactor = <F extends Factor | null>(f: F): F => (Array.isArray(f) ? [...f] : f) as F;

/** A uniform draw in [lower, upper). */
export const uniformIn = (rng: Rng, [lower, upper]: readonly [number, number]): number => lower + (upper - lower) * rng();
