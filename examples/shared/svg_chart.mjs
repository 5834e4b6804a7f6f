// Minimal SVG charts for the examples: line charts of training curves and a confusion-matrix
// heat map. Plain strings, no dependency: an SVG opens in any browser or image viewer.

const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f'];

const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

function niceTicks(lo, hi, count = 5) {
  if (!(hi > lo)) hi = lo + 1;
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const ticks = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) ticks.push(Number(v.toPrecision(6)));
  return ticks;
}

/**
 * A line chart panel at (x, y) of size w x h. series: [{ label, values: number[], dashed? }].
 * Returns SVG markup.
 */
export function lineChart({ x = 0, y = 0, w = 420, h = 260, title, xLabel = 'epoch', series, yMin, yMax }) {
  const pad = { l: 48, r: 12, t: 28, b: 36 };
  const all = series.flatMap((s) => s.values.filter(Number.isFinite));
  const lo = yMin ?? Math.min(...all);
  const hi = yMax ?? Math.max(...all);
  const n = Math.max(...series.map((s) => s.values.length));
  const px = (i) => x + pad.l + (n <= 1 ? 0 : (i / (n - 1)) * (w - pad.l - pad.r));
  const py = (v) => y + pad.t + (1 - (v - lo) / (hi - lo || 1)) * (h - pad.t - pad.b);
  const parts = [`<text x="${x + w / 2}" y="${y + 18}" text-anchor="middle" font-size="14" font-weight="bold">${esc(title)}</text>`];
  for (const t of niceTicks(lo, hi)) {
    parts.push(`<line x1="${x + pad.l}" x2="${x + w - pad.r}" y1="${py(t)}" y2="${py(t)}" stroke="#ddd"/>`);
    parts.push(`<text x="${x + pad.l - 6}" y="${py(t) + 4}" text-anchor="end" font-size="10">${t}</text>`);
  }
  for (let i = 0; i < n; i++) {
    if (n <= 12 || i % Math.ceil(n / 10) === 0) parts.push(`<text x="${px(i)}" y="${y + h - pad.b + 14}" text-anchor="middle" font-size="10">${i + 1}</text>`);
  }
  parts.push(`<text x="${x + w / 2}" y="${y + h - 6}" text-anchor="middle" font-size="11">${esc(xLabel)}</text>`);
  parts.push(`<rect x="${x + pad.l}" y="${y + pad.t}" width="${w - pad.l - pad.r}" height="${h - pad.t - pad.b}" fill="none" stroke="#888"/>`);
  series.forEach((s, k) => {
    const color = s.color ?? PALETTE[k % PALETTE.length];
    const pts = s.values.map((v, i) => (Number.isFinite(v) ? `${px(i).toFixed(1)},${py(Math.min(hi, Math.max(lo, v))).toFixed(1)}` : null)).filter(Boolean);
    if (pts.length) parts.push(`<polyline fill="none" stroke="${color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5,3"' : ''} points="${pts.join(' ')}"/>`);
    const ly = y + pad.t + 12 + k * 14;
    parts.push(`<line x1="${x + w - pad.r - 120}" x2="${x + w - pad.r - 100}" y1="${ly - 4}" y2="${ly - 4}" stroke="${color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5,3"' : ''}/>`);
    parts.push(`<text x="${x + w - pad.r - 96}" y="${ly}" font-size="10">${esc(s.label)}</text>`);
  });
  return parts.join('\n');
}

/** A confusion-matrix heat map (rows = true class, columns = predicted) with counts. */
export function confusionMatrixChart({ x = 0, y = 0, size = 360, matrix, labels, title = 'Confusion matrix (test)' }) {
  const k = matrix.length;
  const pad = { l: 70, t: 40 };
  const cell = (size - pad.l) / k;
  const parts = [`<text x="${x + size / 2}" y="${y + 18}" text-anchor="middle" font-size="14" font-weight="bold">${esc(title)}</text>`];
  for (let i = 0; i < k; i++) {
    const rowSum = matrix[i].reduce((a, b) => a + b, 0) || 1;
    parts.push(`<text x="${x + pad.l - 6}" y="${y + pad.t + (i + 0.6) * cell}" text-anchor="end" font-size="10">${esc(labels[i])}</text>`);
    parts.push(`<text x="${x + pad.l + (i + 0.5) * cell}" y="${y + pad.t - 4}" text-anchor="middle" font-size="9">${esc(labels[i].slice(0, 5))}</text>`);
    for (let j = 0; j < k; j++) {
      const frac = matrix[i][j] / rowSum;
      const shade = Math.round(255 - frac * 200);
      parts.push(`<rect x="${x + pad.l + j * cell}" y="${y + pad.t + i * cell}" width="${cell}" height="${cell}" fill="rgb(${shade},${shade},255)" stroke="#fff"/>`);
      parts.push(`<text x="${x + pad.l + (j + 0.5) * cell}" y="${y + pad.t + (i + 0.6) * cell}" text-anchor="middle" font-size="10" fill="${frac > 0.5 ? '#fff' : '#000'}">${matrix[i][j]}</text>`);
    }
  }
  parts.push(`<text x="${x + pad.l + (size - pad.l) / 2}" y="${y + pad.t + k * cell + 16}" text-anchor="middle" font-size="11">predicted</text>`);
  return parts.join('\n');
}

/** Wraps panels into one SVG document. */
export function svgDocument(width, height, panels) {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">\n<rect width="100%" height="100%" fill="#fff"/>\n${panels.join('\n')}\n</svg>\n`;
}
