import { tensor } from '@strata/core';
import { articleModel } from '../helpers/article_model';

// Built first in this file, so the layers get Keras's default names (conv2d, conv2d_1, ...).
const model = articleModel();

describe("the article's model", () => {
  test('summary: Keras table with the article totals', () => {
    const printed: string[] = [];
    const text = model.summary({ printFn: (line) => printed.push(line) });
    expect(printed.join('\n')).toBe(text);
    const lines = text.split('\n');
    expect(lines[0]).toBe('Model: "sequential"');
    expect(lines[2]).toMatch(/^ Layer \(type\) +Output Shape +Param #$/);
    expect(lines.slice(-5)).toEqual([
      lines[3], // the '=' rule closes the rows
      'Total params: 2,354,567',
      'Trainable params: 2,350,087',
      'Non-trainable params: 4,480',
      lines[1],
    ]);
    expect(lines[3]).toMatch(/^=+$/);
    expect(lines[1]).toMatch(/^_+$/);
  });

  test('summary rows: name (type), output shape, parameters from the layer formulas', () => {
    const conv = (k: number, cin: number, f: number) => k * k * cin * f + f;
    const expected: [string, string, number][] = [
      ['conv2d (Conv2D)', '(None, 46, 46, 32)', conv(3, 1, 32)],
      ['conv2d_1 (Conv2D)', '(None, 44, 44, 64)', conv(3, 32, 64)],
      ['batch_normalization (BatchNormalization)', '(None, 44, 44, 64)', 4 * 64],
      ['max_pooling2d (MaxPooling2D)', '(None, 22, 22, 64)', 0],
      ['dropout (Dropout)', '(None, 22, 22, 64)', 0],
      ['conv2d_2 (Conv2D)', '(None, 20, 20, 128)', conv(3, 64, 128)],
      ['max_pooling2d_1 (MaxPooling2D)', '(None, 10, 10, 128)', 0],
      ['batch_normalization_1 (BatchNormalization)', '(None, 10, 10, 128)', 4 * 128],
      ['conv2d_3 (Conv2D)', '(None, 8, 8, 128)', conv(3, 128, 128)],
      ['max_pooling2d_2 (MaxPooling2D)', '(None, 4, 4, 128)', 0],
      ['dropout_1 (Dropout)', '(None, 4, 4, 128)', 0],
      ['flatten (Flatten)', '(None, 2048)', 0],
      ['batch_normalization_2 (BatchNormalization)', '(None, 2048)', 4 * 2048],
      ['dense (Dense)', '(None, 1024)', 2048 * 1024 + 1024],
      ['dropout_2 (Dropout)', '(None, 1024)', 0],
      ['dense_1 (Dense)', '(None, 7)', 1024 * 7 + 7],
    ];
    const lines = model.summary({ print: false }).split('\n');
    const rows = lines.slice(4, -5).filter((l) => l !== '');
    expect(rows.map((r) => r.trim().split(/ {2,}/))).toEqual(expected.map(([a, b, c]) => [a, b, String(c)]));
    // Columns line up: every row's shape starts where the header's 'Output Shape' does.
    const shapeColumn = lines[2].indexOf('Output Shape');
    for (const r of rows) expect(r.indexOf('(None')).toBe(shapeColumn);
    expect(expected.reduce((n, [, , p]) => n + p, 0)).toBe(2354567);
    expect(model.countParams()).toBe(2354567);
  });

  test('one training step on a batch of 2 runs and keeps every weight finite', () => {
    model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    const x = tensor(Float32Array.from({ length: 2 * 48 * 48 }, (_, i) => Math.sin(i)), [2, 48, 48, 1]);
    const y = tensor([[1, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 1]]);
    const logs = model.trainOnBatch(x, y);
    expect(Number.isFinite(logs.loss)).toBe(true);
    expect(Object.keys(logs)).toEqual(['loss', 'accuracy']);
    expect(model.optimizer?.iterations).toBe(1);
    expect(model.getWeights().every((w) => w.values.every(Number.isFinite))).toBe(true);
  });
});
