/**
 * Resampling of one-channel images, separable per axis. Downscaling averages the source area each
 * output pixel covers (so detail is not aliased away, as in OpenCV's INTER_AREA); upscaling
 * interpolates bilinearly between pixel centres (half-pixel convention, as PIL and TensorFlow
 * with `align_corners=false`).
 */

/** For each output index: the first source index and the weights of consecutive source pixels. */
interface AxisTaps {
  start: Int32Array;
  taps: number;
  weights: Float32Array;
}

function axisTaps(src: number, dst: number): AxisTaps {
  const s = src / dst;
  if (s > 1) {
    const taps = Math.ceil(s) + 1;
    const start = new Int32Array(dst);
    const weights = new Float32Array(dst * taps);
    for (let o = 0; o < dst; o++) {
      const lo = o * s, hi = (o + 1) * s;
      const first = Math.floor(lo);
      start[o] = first;
      for (let k = 0; k < taps; k++) {
        const overlap = Math.min(hi, first + k + 1) - Math.max(lo, first + k);
        weights[o * taps + k] = first + k < src && overlap > 0 ? overlap / s : 0;
      }
    }
    return { start, taps, weights };
  }
  const start = new Int32Array(dst);
  const weights = new Float32Array(dst * 2);
  for (let o = 0; o < dst; o++) {
    const c = Math.min(Math.max((o + 0.5) * s - 0.5, 0), src - 1);
    const i0 = Math.min(Math.floor(c), Math.max(src - 2, 0));
    const f = src > 1 ? c - i0 : 0;
    start[o] = i0;
    weights[o * 2] = 1 - f;
    weights[o * 2 + 1] = f;
  }
  return { start, taps: 2, weights };
}

/** Resizes a row-major `sw` x `sh` single-channel image to `dw` x `dh`. */
export function resizeGray(src: Float32Array, sw: number, sh: number, dw: number, dh: number): Float32Array {
  if (sw === dw && sh === dh) return src.slice();
  const tx = axisTaps(sw, dw), ty = axisTaps(sh, dh);
  // Rows first (sh x dw), then columns.
  const mid = new Float32Array(sh * dw);
  for (let y = 0; y < sh; y++) {
    for (let o = 0; o < dw; o++) {
      let acc = 0;
      const first = tx.start[o];
      for (let k = 0; k < tx.taps; k++) {
        const w = tx.weights[o * tx.taps + k];
        if (w !== 0) acc += w * src[y * sw + first + k];
      }
      mid[y * dw + o] = acc;
    }
  }
  const out = new Float32Array(dw * dh);
  for (let o = 0; o < dh; o++) {
    const first = ty.start[o];
    for (let k = 0; k < ty.taps; k++) {
      const w = ty.weights[o * ty.taps + k];
      if (w === 0) continue;
      const row = (first + k) * dw;
      for (let x = 0; x < dw; x++) out[o * dw + x] += w * mid[row + x];
    }
  }
  return out;
}
