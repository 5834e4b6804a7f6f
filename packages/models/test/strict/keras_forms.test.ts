/** Keras's positional forms (issue 12, section 2): each builds what the options form builds. */
import { tensor, ValueError } from '@strata/core';
import { Activation, BatchNormalization, Conv2D, Dense, Dropout, MaxPooling2D } from '@strata/layers';
import { Adam, AdamW, RMSprop, SGD, Sequential } from '@strata/models';
import { articleModelPositional } from '../helpers/article_positional';

const config = (l: { getConfig(): Record<string, unknown> }): Record<string, unknown> => {
  const { name: _name, ...rest } = l.getConfig();
  return rest;
};

describe('layers', () => {
  it('Dense(units, options)', () => {
    expect(config(new Dense(1024, { activation: 'relu' }))).toEqual(config(new Dense({ units: 1024, activation: 'relu' })));
  });
  it('Conv2D(filters, kernelSize, options) with a pair or a number', () => {
    const a = new Conv2D(32, [3, 3], { activation: 'relu', inputShape: [48, 48, 1] });
    expect(config(a)).toEqual(config(new Conv2D({ filters: 32, kernelSize: [3, 3], activation: 'relu', inputShape: [48, 48, 1] })));
    expect(new Conv2D(32, 3).kernelSize).toEqual([3, 3]);
  });
  it('MaxPooling2D(poolSize) with a pair or a number', () => {
    expect(new MaxPooling2D([2, 2]).poolSize).toEqual([2, 2]);
    expect(new MaxPooling2D(3).strides).toEqual([3, 3]);
    expect(new MaxPooling2D(2, { strides: 1 }).strides).toEqual([1, 1]);
  });
  it('Dropout(rate), Activation(name), BatchNormalization(options)', () => {
    expect(new Dropout(0.25).rate).toBe(0.25);
    expect(new Activation('relu').activation).toBe('relu');
    expect(new BatchNormalization({ momentum: 0.9 }).momentum).toBe(0.9);
  });
  it('a value given both ways is an error', () => {
    expect(() => new Dense(2, { units: 3 } as never)).toThrow("Dense: 'units' is given both positionally (2) and in the options (3)");
  });
});

describe('optimizers', () => {
  it('Adam(lr), SGD(lr, options), RMSprop(lr), AdamW(lr, options)', () => {
    expect(new Adam(1e-4).learningRate).toBe(1e-4);
    const sgd = new SGD(0.01, { momentum: 0.9 });
    expect([sgd.learningRate, sgd.momentum]).toEqual([0.01, 0.9]);
    expect(new RMSprop(1e-3).learningRate).toBe(1e-3);
    const w = new AdamW(1e-3, { weightDecay: 0.01 });
    expect([w.learningRate, w.weightDecay, w.name]).toEqual([1e-3, 0.01, 'adamw']);
    expect(new AdamW().weightDecay).toBe(0.004);
    expect(new AdamW().getConfig()).toEqual(new AdamW({ learningRate: 0.001 }).getConfig());
  });
});

describe('Sequential and compile', () => {
  const layers = (): [Dense, Dense] => [new Dense(4, { inputShape: [3], activation: 'relu' }), new Dense(2, { activation: 'softmax' })];

  it('new Sequential([layers], { name }) holds the layers', () => {
    const model = new Sequential(layers(), { name: 'tiny' });
    expect(model.name).toBe('tiny');
    expect(model.layers).toHaveLength(2);
    expect(model.outputShape).toEqual([null, 2]);
  });

  it("metrics: 'accuracy' as a bare string works as ['accuracy']", () => {
    const model = new Sequential(layers());
    model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: 'accuracy' });
    const logs = model.evaluate(tensor([[1, 2, 3]]), tensor([[1, 0]]));
    expect(Object.keys(logs)).toEqual(['loss', 'accuracy']);
  });

  it("compile('adam', 'categoricalCrossentropy', ['accuracy']) is Keras's positional compile", () => {
    const model = new Sequential(layers());
    model.compile('adam', 'categoricalCrossentropy', ['accuracy']);
    expect(model.optimizer).toBeInstanceOf(Adam);
    expect(Object.keys(model.evaluate(tensor([[1, 2, 3]]), tensor([[1, 0]])))).toEqual(['loss', 'accuracy']);
  });

  it('compile without a loss, or mixing the two forms, is a clear error', () => {
    const model = new Sequential(layers());
    expect(() => model.compile('adam' as never)).toThrow(ValueError);
    expect(() => model.compile('adam' as never)).toThrow(/compile: a loss is required; call compile\(optimizer, loss, metrics\)/);
    expect(() => model.compile({ optimizer: 'adam' } as never)).toThrow("compile: 'loss' is required");
    expect(() => model.compile({ optimizer: 'adam', loss: 'mse' } as never, 'mse')).toThrow(/not both/);
  });

  it("snake_case identifiers keep working ('categorical_crossentropy')", () => {
    const model = new Sequential(layers());
    expect(() => model.compile({ optimizer: 'adam', loss: 'categorical_crossentropy', metrics: ['categorical_accuracy'] })).not.toThrow();
  });

  it("the article's model, built with the positional forms", () => {
    const model = articleModelPositional();
    expect(model.outputShape).toEqual([null, 7]);
    expect(model.countParams()).toBe(2354567);
    expect(model.optimizer?.learningRate).toBe(0.0001);
  });
});
