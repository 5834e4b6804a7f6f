import type { ImageTransformInfo } from '../backend';

/**
 * Where integer index i along an axis of size n reads, as if the image were padded by fillMode
 * (Keras's numpy backend pads with np.pad and samples the padded image); -1 is the fill value.
 * Computed in float64 so a far-away coordinate never overflows an integer.
 */
export function fixIndex(i: number, n: number, fillMode: ImageTransformInfo['fillMode']): number {
  if (i >= 0 && i < n) return i;
  switch (fillMode) {
    case 'constant':
      return -1;
    case 'nearest':
      return i < 0 ? 0 : n - 1;
    case 'wrap': {
      const r = i - n * Math.floor(i / n);
      return r < 0 ? 0 : r > n - 1 ? n - 1 : r;
    }
    case 'reflect': {
      // Period 2n, the second half mirrored: d c b a | a b c d | d c b a.
      let r = i - 2 * n * Math.floor(i / (2 * n));
      if (r >= n) r = 2 * n - 1 - r;
      return r < 0 ? 0 : r > n - 1 ? n - 1 : r;
    }
  }
}

/**
 * Calls visit(outIndex, sx, sy) for every output pixel of image b, with its source point. The
 * point moves along each row by adding a0, b0 and c0 (an exact step for flips and shifts).
 */
function forEachPixel(t: Float64Array, b: number, h: number, w: number, visit: (o: number, sx: number, sy: number) => void): void {
  const [a0, a1, a2, b0, b1, b2, c0, c1] = t.subarray(b * 8, b * 8 + 8);
  for (let y = 0, o = 0; y < h; y++) {
    let nx = a1 * y + a2, ny = b1 * y + b2, k = c1 * y + 1;
    for (let x = 0; x < w; x++, o++, nx += a0, ny += b0, k += c0) visit(o, nx / k, ny / k);
  }
}

/** Backend.imageTransform: plain loops, the reference for the wasm kernel. */
export function imageTransform(x: Float32Array, transforms: Float64Array, info: ImageTransformInfo): Float32Array {
  const { batch, height: h, width: w, channels: c, interpolation, fillMode, fillValue } = info;
  const out = new Float32Array(x.length);
  const plane = h * w * c;
  for (let b = 0; b < batch; b++) {
    const base = b * plane;
    const at = (iy: number, ix: number, k: number): number => (iy < 0 || ix < 0 ? fillValue : x[base + (iy * w + ix) * c + k]);
    forEachPixel(transforms, b, h, w, (o, sx, sy) => {
      const dst = base + o * c;
      if (interpolation === 'nearest') {
        const ix = fixIndex(Math.floor(sx + 0.5), w, fillMode), iy = fixIndex(Math.floor(sy + 0.5), h, fillMode);
        for (let k = 0; k < c; k++) out[dst + k] = at(iy, ix, k);
        return;
      }
      const x0 = Math.floor(sx), y0 = Math.floor(sy);
      const fx = sx - x0, fy = sy - y0;
      const ix0 = fixIndex(x0, w, fillMode), ix1 = fixIndex(x0 + 1, w, fillMode);
      const iy0 = fixIndex(y0, h, fillMode), iy1 = fixIndex(y0 + 1, h, fillMode);
      for (let k = 0; k < c; k++) {
        const v00 = at(iy0, ix0, k), v01 = at(iy0, ix1, k), v10 = at(iy1, ix0, k), v11 = at(iy1, ix1, k);
        const top = v00 + fx * (v01 - v00);
        const bottom = v10 + fx * (v11 - v10);
        out[dst + k] = top + fy * (bottom - top);
      }
    });
  }
  return out;
}

/** Backend.imageTransformGrad: dy scattered with the forward's blend weights, image by image, in pixel order. */
export function imageTransformGrad(dy: Float32Array, transforms: Float64Array, info: ImageTransformInfo): Float32Array {
  const { batch, height: h, width: w, channels: c, interpolation, fillMode } = info;
  const dx = new Float32Array(dy.length);
  const plane = h * w * c;
  for (let b = 0; b < batch; b++) {
    const base = b * plane;
    const spread = (iy: number, ix: number, weight: number, src: number): void => {
      if (iy < 0 || ix < 0) return;
      const at = base + (iy * w + ix) * c;
      for (let k = 0; k < c; k++) dx[at + k] += dy[src + k] * weight;
    };
    forEachPixel(transforms, b, h, w, (o, sx, sy) => {
      const src = base + o * c;
      if (interpolation === 'nearest') {
        spread(fixIndex(Math.floor(sy + 0.5), h, fillMode), fixIndex(Math.floor(sx + 0.5), w, fillMode), 1, src);
        return;
      }
      const x0 = Math.floor(sx), y0 = Math.floor(sy);
      const fx = sx - x0, fy = sy - y0;
      const ix0 = fixIndex(x0, w, fillMode), ix1 = fixIndex(x0 + 1, w, fillMode);
      const iy0 = fixIndex(y0, h, fillMode), iy1 = fixIndex(y0 + 1, h, fillMode);
      spread(iy0, ix0, (1 - fx) * (1 - fy), src);
      spread(iy0, ix1, fx * (1 - fy), src);
      spread(iy1, ix0, (1 - fx) * fy, src);
      spread(iy1, ix1, fx * fy, src);
    });
  }
  return dx;
}
