import type { Tensor } from './tensor';

const EDGE = 3; // elements shown at each end of a long axis, as NumPy does

function fmtNumber(v: number, dtype: string): string {
  if (dtype === 'int32') return String(v);
  if (Number.isInteger(v) && Math.abs(v) < 1e6) return v.toFixed(1);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-4 || a >= 1e6) ? v.toExponential(4) : String(Number(v.toPrecision(6)));
}

/** NumPy-like text: nested brackets, long axes elided, shape and dtype in the header. */
export function formatTensor(t: Tensor): string {
  const { shape, values, dtype } = t;
  const header = `Tensor(shape=[${shape.join(', ')}], dtype=${dtype})`;
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const render = (dim: number, offset: number, indent: string): string => {
    if (dim === shape.length) return fmtNumber(values[offset], dtype);
    const n = shape[dim];
    const idx = n > 2 * EDGE + 1 ? [...Array(EDGE).keys(), -1, ...Array.from({ length: EDGE }, (_, i) => n - EDGE + i)] : [...Array(n).keys()];
    const parts = idx.map((i) => (i < 0 ? '...' : render(dim + 1, offset + i * strides[dim], indent + ' ')));
    const sep = dim === shape.length - 1 ? ', ' : ',\n' + indent + ' ';
    return '[' + parts.join(sep) + ']';
  };
  return `${header}\n  ${render(0, 0, '  ')}`;
}
