import * as tf from '@tensorflow/tfjs';
import { closenessMismatches, tensor, type ClosenessOptions, type Tensor } from '@strata/core';
import type { Layer } from '@strata/layers';
import { loadModel, SGD, Sequential } from '@strata/models';
import { cleanup, randomValues, tempDir } from '../io/helpers';
import { loadInTfjs, saveWithTfjs, tfjsPredict, tfjsReady } from '../io/tfjs_files';

export { tfjsReady, cleanup as cleanupOracleFiles };

/** One model built the same way in Strata and in TensorFlow.js 4.22 (`inputShape` on the first layer of each). */
export interface OracleCase {
  /** The Strata layers, in order. */
  strata: () => Layer[];
  /** The same layers in TensorFlow.js. */
  tfjs: (tfjs: typeof tf) => tf.layers.Layer[];
  /** The input batch's shape, batch first. */
  inputShape: number[];
  /**
   * Plain SGD steps (learning rate 0.1, mean squared error on fixed random targets) after which
   * every weight is compared. Default 3; 0 for models whose training pass is random (dropout,
   * noise, augmentation), whose inference pass is still compared.
   */
  sgdSteps?: number;
  /**
   * Sets TensorFlow.js's weights before they are copied to Strata, for weights whose initial
   * values would hide a mistake (zero biases, unit gammas): e.g. `randomizeWeights`.
   */
  prepare?: (model: tf.Sequential) => void;
  /** Tolerance of predictions and weights. Default rtol 1e-4, atol 1e-5. */
  tolerance?: ClosenessOptions;
}

/** What {@link runTfjsOracle} compared, for tests that assert more. */
export interface OracleResult {
  strata: Sequential;
  tfjs: tf.Sequential;
  x: Tensor;
}

/**
 * Replaces every TensorFlow.js weight by seeded values in [-0.5, 0.5) times `scale`; a variance
 * (BatchNormalization's moving_variance) gets 0.5 + |value| instead, so it stays positive.
 */
export function randomizeWeights(model: tf.LayersModel, seed = 1, scale = 1): void {
  model.layers.forEach((layer, i) => {
    if (layer.weights.length === 0) return;
    layer.setWeights(layer.weights.map((w, k) => {
      const values = randomValues(w.shape as number[], `oracle-${seed}-${i}-${k}`, 0.5 * scale).values as Float32Array;
      return tf.tensor(/variance/.test(w.originalName) ? values.map((v) => 0.5 + Math.abs(v)) : values, w.shape);
    }));
  });
}

function expectClose(what: string, actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance?: ClosenessOptions): void {
  const misses = closenessMismatches(actual, expected, tolerance);
  if (misses.length > 0) throw new Error(`${what}: Strata and TensorFlow.js differ\n  ${misses.join('\n  ')}`);
}

/** The model's output on `x` must be finite and vary, or comparing it would prove nothing. */
function expectInformative(what: string, values: Float32Array): void {
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new Error(`${what}: output [${bad}] is ${values[bad]}; pick weights and inputs with a finite output`);
  if (values.length > 1 && values.every((v) => v === values[0])) throw new Error(`${what}: every output is ${values[0]}; pick a case whose output varies`);
}

/** Every weight, layer by layer in each layer's Keras order (`model.weights` puts non-trainable ones last). */
function weightsOf(model: tf.LayersModel): { name: string; shape: number[]; values: Float32Array }[] {
  return model.layers.flatMap((l) => l.weights).map((w) => ({ name: w.originalName, shape: w.shape as number[], values: w.read().dataSync() as Float32Array }));
}

/**
 * TensorFlow.js 4.22 as the outside oracle of a layer, in four checks:
 * 1. TensorFlow.js's (initial or `prepare`d) weights copied into Strata, in Keras order, with the
 *    same shapes, give the same predictions;
 * 2. after `sgdSteps` SGD steps on the same batch in both, every weight is the same;
 * 3. the Strata model saved in the TensorFlow.js format loads in TensorFlow.js (same class names)
 *    and predicts the same;
 * 4. the TensorFlow.js model saved by TensorFlow.js loads in Strata and predicts the same.
 * Call `tfjsReady` in `beforeAll` and `cleanupOracleFiles` in `afterAll`.
 */
export async function runTfjsOracle(c: OracleCase): Promise<OracleResult> {
  const tfModel = tf.sequential({ layers: c.tfjs(tf) });
  c.prepare?.(tfModel);
  const model = new Sequential({ layers: c.strata() });

  const tfWeights = weightsOf(tfModel);
  const ours = model.weights;
  if (ours.length !== tfWeights.length) {
    throw new Error(`weights: Strata has ${ours.length} (${ours.map((w) => w.name).join(', ')}), TensorFlow.js ${tfWeights.length} (${tfWeights.map((w) => w.name).join(', ')})`);
  }
  tfWeights.forEach((w, i) => {
    if (ours[i].shape.join() !== w.shape.join()) throw new Error(`weight ${i} (${w.name}): Strata's shape [${ours[i].shape}], TensorFlow.js's [${w.shape}]`);
  });
  model.setWeights(tfWeights.map((w) => tensor(Float32Array.from(w.values), w.shape)));
  expect(model.countParams()).toBe(tfModel.countParams());

  const x = randomValues(c.inputShape, 'oracle-x');
  const xs = x.values as Float32Array;
  const predicted = model.predict(x).values as Float32Array;
  expectInformative('predict', predicted);
  expectClose('predict', predicted, tfjsPredict(tfModel, xs, c.inputShape), c.tolerance);

  const steps = c.sgdSteps ?? 3;
  if (steps > 0) {
    const outShape = [c.inputShape[0], ...(tfModel.outputs[0].shape.slice(1) as number[])];
    const y = randomValues(outShape, 'oracle-y');
    model.compile({ optimizer: new SGD(0.1), loss: 'meanSquaredError' });
    tfModel.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
    const [tx, ty] = [tf.tensor(xs, c.inputShape), tf.tensor(y.values as Float32Array, outShape)];
    for (let s = 0; s < steps; s++) {
      model.trainOnBatch(x, y);
      await tfModel.trainOnBatch(tx, ty);
    }
    tf.dispose([tx, ty]);
    const trained = weightsOf(tfModel);
    if (trained.every((w, i) => w.values.every((v, k) => v === tfWeights[i].values[k]))) throw new Error(`${steps} SGD steps changed no weight; pick a case that trains`);
    model.weights.forEach((w, i) => {
      expectClose(`weight '${trained[i].name}' after ${steps} SGD steps`, w.values as Float32Array, trained[i].values, c.tolerance);
    });
  }

  const ourDir = tempDir('strata-oracle-');
  await model.save(ourDir);
  const inTfjs = await loadInTfjs(ourDir);
  expect(inTfjs.layers.map((l) => l.getClassName())).toEqual(model.layers.map((l) => l.className));
  const after = model.predict(x).values as Float32Array;
  expectClose('Strata-saved model predicting in TensorFlow.js', tfjsPredict(inTfjs, xs, c.inputShape), after, c.tolerance);

  const theirDir = tempDir('tfjs-oracle-');
  await saveWithTfjs(tfModel, theirDir);
  const inStrata = await loadModel(theirDir);
  expect(inStrata.layers.map((l) => l.className)).toEqual(tfModel.layers.map((l) => l.getClassName()));
  expectClose('TensorFlow.js-saved model predicting in Strata', inStrata.predict(x).values as Float32Array, tfjsPredict(tfModel, xs, c.inputShape), c.tolerance);
  return { strata: model, tfjs: tfModel, x };
}
