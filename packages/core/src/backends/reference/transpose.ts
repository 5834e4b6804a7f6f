import { sizeOf, stridesOf } from '../../util/shape';

export function transpose(x: Float32Array, shape: readonly number[], perm: readonly number[]): Float32Array {
  const rank = shape.length;
  const n = sizeOf(shape);
  const out = new Float32Array(n);
  const inStrides = stridesOf(shape);
  const outShape = perm.map((p) => shape[p]);
  // Input stride of each output axis: walking the output in order reads the input with these.
  const s = perm.map((p) => inStrides[p]);
  const idx = new Array<number>(rank).fill(0);
  let src = 0;
  for (let o = 0; o < n; o++) {
    out[o] = x[src];
    for (let ax = rank - 1; ax >= 0; ax--) {
      idx[ax]++;
      src += s[ax];
      if (idx[ax] < outShape[ax]) break;
      src -= s[ax] * outShape[ax];
      idx[ax] = 0;
    }
  }
  return out;
}
