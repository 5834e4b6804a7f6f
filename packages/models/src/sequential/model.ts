import type { Tensor, Variable } from '@strata/core';
import type { Layer, LayerShape } from '@strata/layers';
import type { CallbackModel } from '../callbacks/callback';
import type { KerasTopology, SequentialConfig } from '../io/topology';
import type { CompiledConfig } from './compile_config';

/**
 * The public surface of a model that training, saving and exporting use (Sequential implements
 * it). Nothing here reaches into private state: these are the calls a user has too.
 */
export interface TrainableModel extends CallbackModel {
  readonly name: string;
  readonly layers: Layer[];
  readonly built: boolean;
  /** The input shape with a null batch dimension (throws before the model is built). */
  readonly inputShape: LayerShape;
  readonly outputShape: LayerShape;
  build(inputShape: LayerShape): void;
  readonly weights: Variable[];
  readonly trainableWeights: Variable[];
  regularizationLosses(): Tensor[];
  toJSON(): KerasTopology;
  getConfig(): SequentialConfig & { name: string };
  /** The optimizer, loss and metrics compile() resolved, or null before compile(). */
  getCompileConfig(): CompiledConfig | null;
}
