import type { Layer, LayerShape } from '@strata/layers';
import { kerasShape } from './layer_stack';

/** Options of `Sequential.summary`. */
export interface SummaryOptions {
  /** Print the table (default true); it is returned either way. */
  print?: boolean;
  /** Where lines go when printing (default console.log). */
  printFn?: (line: string) => void;
  /** Table width (default 65, Keras's). */
  lineLength?: number;
}

function thousands(n: number): string {
  return n.toLocaleString('en-US');
}

function sizeOf(weights: readonly { size: number }[]): number {
  return weights.reduce((n, w) => n + w.size, 0);
}

/**
 * Keras 2's summary table for a sequential model: columns at 45 % and 85 % of the line
 * (`Layer (type)`, `Output Shape`, `Param #`), one row per layer separated by blank lines, then
 * the parameter totals. A column widens when its text would not fit; trailing spaces are trimmed.
 */
export function summaryLines(name: string, layers: readonly Layer[], shapes: readonly LayerShape[], lineLength = 65): string[] {
  const rows = layers.map((layer, i) => [` ${layer.name} (${layer.className})`, kerasShape(shapes[i]), String(layer.countParams())]);
  const header = [' Layer (type)', 'Output Shape', 'Param #'];
  const w0 = Math.max(Math.floor(lineLength * 0.45), ...rows.map((r) => r[0].length + 2));
  const w1 = Math.max(Math.floor(lineLength * 0.85) - Math.floor(lineLength * 0.45), ...rows.map((r) => r[1].length + 2));
  const width = Math.max(lineLength, w0 + w1 + Math.max(...rows.map((r) => r[2].length), 7));
  const line = (cells: string[]): string => (cells[0].padEnd(w0) + cells[1].padEnd(w1) + cells[2]).trimEnd();
  const trainable = sizeOf(layers.flatMap((l) => l.trainableWeights));
  const nonTrainable = sizeOf(layers.flatMap((l) => l.nonTrainableWeights));
  const out = [`Model: "${name}"`, '_'.repeat(width), line(header), '='.repeat(width)];
  rows.forEach((r, i) => {
    if (i > 0) out.push('');
    out.push(line(r));
  });
  out.push(
    '='.repeat(width),
    `Total params: ${thousands(trainable + nonTrainable)}`,
    `Trainable params: ${thousands(trainable)}`,
    `Non-trainable params: ${thousands(nonTrainable)}`,
    '_'.repeat(width),
  );
  return out;
}
