import { optionKeys, checkOptions, makeRng, ShapeError, Tensor, ValueError, type Rng } from '@strata/core';
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

/** Output-to-source map of one image: source = (ax x + bx y + cx, ay x + by y + cy), in pixel centres. */
interface InverseMap { ax: number; bx: number; cx: number; ay: number; by: number; cy: number }

function drawInverseMap(o: AugmentOptions, w: number, h: number, rng: Rng, m: InverseMap): void {
  const flip = o.flip && rng() < 0.5 ? -1 : 1;
  const angle = o.rotation ? (uniform(rng, -o.rotation, o.rotation) * Math.PI) / 180 : 0;
  const tx = o.shift ? uniform(rng, -o.shift, o.shift) * w : 0;
  const ty = o.shift ? uniform(rng, -o.shift, o.shift) * h : 0;
  const z = o.zoom ? uniform(rng, 1 - o.zoom, 1 + o.zoom) : 1;
  // Forward: flip, zoom and rotate about the centre, then shift. Inverse, from an output pixel
  // centre p: r = R(-angle) (p - centre - t) / z, mirrored, then back to index space (- 0.5).
  const cos = Math.cos(angle) / z, sin = Math.sin(angle) / z;
  const ox = -w / 2 - tx, oy = -h / 2 - ty;
  m.ax = flip * cos; m.bx = flip * sin; m.cx = flip * (cos * (ox + 0.5) + sin * (oy + 0.5)) + w / 2 - 0.5;
  m.ay = -sin; m.by = cos; m.cy = -sin * (ox + 0.5) + cos * (oy + 0.5) + h / 2 - 0.5;
}

/** Bilinear resampling of one HWC image through `m`, replicating edge pixels outside the image. */
function warp(src: ArrayLike<number>, dst: Float32Array, base: number, h: number, w: number, c: number, m: InverseMap): void {
  for (let y = 0, o = base; y < h; y++) {
    let sx = m.bx * y + m.cx, sy = m.by * y + m.cy;
    for (let x = 0; x < w; x++, sx += m.ax, sy += m.ay) {
      const cxp = sx < 0 ? 0 : sx > w - 1 ? w - 1 : sx;
      const cyp = sy < 0 ? 0 : sy > h - 1 ? h - 1 : sy;
      const x0 = Math.min(Math.floor(cxp), w - 1), y0 = Math.min(Math.floor(cyp), h - 1);
      const x1 = Math.min(x0 + 1, w - 1), y1 = Math.min(y0 + 1, h - 1);
      const fx = cxp - x0, fy = cyp - y0;
      const i00 = base + (y0 * w + x0) * c, i01 = base + (y0 * w + x1) * c;
      const i10 = base + (y1 * w + x0) * c, i11 = base + (y1 * w + x1) * c;
      for (let k = 0; k < c; k++, o++) {
        const top = src[i00 + k] + fx * (src[i01 + k] - src[i00 + k]);
        const bottom = src[i10 + k] + fx * (src[i11 + k] - src[i10 + k]);
        dst[o] = top + fy * (bottom - top);
      }
    }
  }
}

/**
 * Random geometric augmentation of NHWC images, each image with its own draw: horizontal flip,
 * shift, rotation and zoom about the centre, resampled bilinearly. Pixels that come from outside
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
  const [n, h, w, c] = x.shape;
  const rng = makeRng(options.seed);
  const out = new Float32Array(x.size);
  const m: InverseMap = { ax: 1, bx: 0, cx: 0, ay: 0, by: 1, cy: 0 };
  for (let i = 0; i < n; i++) {
    drawInverseMap(options, w, h, rng, m);
    warp(x.values, out, i * h * w * c, h, w, c, m);
  }
  return new Tensor(out, x.shape, 'float32');
}
