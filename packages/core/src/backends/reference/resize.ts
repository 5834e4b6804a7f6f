import type { Resize2dInfo } from '../backend';

// One float32 rounding per operation, as the wasm kernels (f32x4) compute: the same bits.
const f = Math.fround;

/** Backend.resize2d: nearest copies, or TensorFlow's bilinear blend. */
export function resize2d(x: Float32Array, info: Resize2dInfo): Float32Array {
  const { batch, inHeight: h, inWidth: w, channels: ch, outHeight: oh, outWidth: ow } = info;
  const y = new Float32Array(batch * oh * ow * ch);
  let o = 0;
  for (let b = 0; b < batch; b++) {
    for (let r = 0; r < oh; r++) {
      const top = (b * h + info.rowLo[r]) * w;
      const bottom = (b * h + info.rowHi[r]) * w;
      const rf = info.rowFrac[r];
      for (let c = 0; c < ow; c++) {
        const left = info.colLo[c];
        if (!info.bilinear) {
          y.set(x.subarray((top + left) * ch, (top + left + 1) * ch), o);
          o += ch;
          continue;
        }
        const right = info.colHi[c];
        const cf = info.colFrac[c];
        for (let d = 0; d < ch; d++, o++) {
          const tl = x[(top + left) * ch + d], tr = x[(top + right) * ch + d];
          const bl = x[(bottom + left) * ch + d], br = x[(bottom + right) * ch + d];
          const t = f(tl + f(f(tr - tl) * cf));
          const u = f(bl + f(f(br - bl) * cf));
          y[o] = f(t + f(f(u - t) * rf));
        }
      }
    }
  }
  return y;
}

/** dx row (ch values per pixel) += dy row r of the output, times the row weight and each column's. */
function addRow(dx: Float32Array, dxRow: number, dy: Float32Array, dyRow: number, weight: number, info: Resize2dInfo): void {
  const ch = info.channels;
  for (let c = 0; c < info.outWidth; c++) {
    const from = dyRow + c * ch;
    if (!info.bilinear) {
      const to = dxRow + info.colLo[c] * ch;
      for (let d = 0; d < ch; d++) dx[to + d] = f(dx[to + d] + dy[from + d]);
      continue;
    }
    const cf = info.colFrac[c];
    const wLo = f(weight * f(1 - cf)), wHi = f(weight * cf);
    const lo = dxRow + info.colLo[c] * ch, hi = dxRow + info.colHi[c] * ch;
    for (let d = 0; d < ch; d++) dx[lo + d] = f(dx[lo + d] + f(dy[from + d] * wLo));
    for (let d = 0; d < ch; d++) dx[hi + d] = f(dx[hi + d] + f(dy[from + d] * wHi));
  }
}

/** Backend.resize2dGrad: gathered per input row, so the order of the sums is fixed. */
export function resize2dGrad(dy: Float32Array, info: Resize2dInfo): Float32Array {
  const { batch, inHeight: h, inWidth: w, channels: ch, outHeight: oh, outWidth: ow } = info;
  const dx = new Float32Array(batch * h * w * ch);
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < h; i++) {
      const dxRow = (b * h + i) * w * ch;
      for (let r = 0; r < oh; r++) {
        const dyRow = (b * oh + r) * ow * ch;
        if (info.rowLo[r] === i) addRow(dx, dxRow, dy, dyRow, info.bilinear ? f(1 - info.rowFrac[r]) : 1, info);
        if (info.bilinear && info.rowHi[r] === i) addRow(dx, dxRow, dy, dyRow, info.rowFrac[r], info);
      }
    }
  }
  return dx;
}
