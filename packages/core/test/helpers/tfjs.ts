// TensorFlow.js 4.22 (a devDependency) as an outside oracle of core ops: its CPU backend, quietly.
import * as tf from '@tensorflow/tfjs';
import type { Tensor } from '../../src';

/** Call at the top of a describe: selects TensorFlow.js's CPU backend and silences its "install tfjs-node" notice. */
export function useTfjsCpu(): void {
  beforeAll(async () => {
    tf.env().set('IS_TEST', true);
    await tf.setBackend('cpu');
  });
}

/** A rank-4 Strata tensor as a TensorFlow.js one. */
export const tfTensor4d = (t: Tensor): tf.Tensor4D => tf.tensor4d(t.f32, t.shape as [number, number, number, number]);

export { tf };
