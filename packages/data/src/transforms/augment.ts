import { affineTransform, checkOptions, makeRng, noGrad, optionKeys, ShapeError, ValueError, type Rng, type Tensor } from '@strata/core';
import type { Seed } from '../types';
import { uniform } from '../util/random';

/** Options of {@link augmentImages}: each image draws its own transform from these ranges. */
export interface AugmentOptions {
  /** Mirror left-right with probability 1/2. Default false. */
  flip?: boolean;
  /** Maximum shift as a fraction of width and height (Keras' `width_shift_range`). Default 0. */
  shift?: number;
  /** Maximum rotation in degrees, either way. Default 0. */
  rotation?: number;
  /** Scale drawn from [1 - zoom, 1 + zoom]; above 1 enlarges the content. Default 0. */
  zoom?: number;
  /** Seed: the same seed gives the same transforms. */
  seed?: Seed;
}

/** Throws a ValueError, prefixed by `where`, for a range outside what {@link augmentImages} accepts. */
export function checkAugmentOptions(o: AugmentOptions, where: string): void {
  const { shift = 0, rotation = 0, zoom = 0 } = o;
  if (!(shift >= 0 && shift < 1)) throw new ValueError(`${where}: shift must be in [0, 1), got ${shift}`);
  if (!(rotation >= 0 && rotation <= 180)) throw new ValueError(`${where}: rotation must be in [0, 180] degrees, got ${rotation}`);
  if (!(zoom >= 0 && zoom < 1)) throw new ValueError(`${where}: zoom must be in [0, 1), got ${zoom}`);
}

/**
 * One image's output-to-source map in Keras's affine_transform layout, written at `at`:
 * source = (a0 x + a1 y + a2, b0 x + b1 y + b2), in pixel indices.
 */
function drawInverseMap(o: AugmentOptions, w: number, h: number, rng: Rng, t: Float64Array, at: number): void {
  const flip = o.flip && rng() < 0.5 ? -1 : 1;
  const angle = o.rotation ? (uniform(rng, -o.rotation, o.rotation) * Math.PI) / 180 : 0;
  const tx = o.shift ? uniform(rng, -o.shift, o.shift) * w : 0;
  const ty = o.shift ? uniform(rng, -o.shift, o.shift) * h : 0;
  const z = o.zoom ? uniform(rng, 1 - o.zoom, 1 + o.zoom) : 1;
  // Forward: flip, zoom and rotate about the centre, then shift. Inverse, from an output pixel
  // centre p: r = R(-angle) (p - centre - t) / z, mirrored, then back to index space (- 0.5).
  const cos = Math.cos(angle) / z, sin = Math.sin(angle) / z;
  const ox = -w / 2 - tx, oy = -h / 2 - ty;
  t[at] = flip * cos;
  t[at + 1] = flip * sin;
  t[at + 2] = flip * (cos * (ox + 0.5) + sin * (oy + 0.5)) + w / 2 - 0.5;
  t[at + 3] = -sin;
  t[at + 4] = cos;
  t[at + 5] = -sin * (ox + 0.5) + cos * (oy + 0.5) + h / 2 - 0.5;
}

/**
 * Random geometric augmentation of NHWC images, each image with its own draw: horizontal flip,
 * shift, rotation and zoom about the centre, resampled bilinearly by core's `affineTransform` (the
 * kernel the augmentation layers use). Pixels that come from outside
 * the image repeat the nearest edge pixel (Keras' `ImageDataGenerator` default, `fill_mode =
 * 'nearest'`), which keeps a face's background continuous instead of adding black wedges.
 * Returns a new float32 tensor of the same shape; labels are untouched.
 *
 * @example
 * const xAug = augmentImages(x, { flip: true, shift: 0.1, rotation: 10, zoom: 0.1, seed: 3 });
 */
export const AUGMENT_KEYS = optionKeys<AugmentOptions>()({ flip: true, shift: true, rotation: true, zoom: true, seed: true });

export function augmentImages(x: Tensor, options: AugmentOptions = {}): Tensor {
  checkOptions(options, AUGMENT_KEYS, 'augmentImages');
  if (x.rank !== 4) throw new ShapeError(`augmentImages: x must be NHWC images [n, height, width, channels], got shape [${x.shape.join(', ')}]`);
  checkAugmentOptions(options, 'augmentImages');
  const [n, h, w] = x.shape;
  const rng = makeRng(options.seed);
  const transforms = new Float64Array(n * 8); // the projective terms c0, c1 stay 0
  for (let i = 0; i < n; i++) drawInverseMap(options, w, h, rng, transforms, i * 8);
  return noGrad(() => affineTransform(x, transforms, { fillMode: 'nearest', interpolation: 'bilinear' }));
}
