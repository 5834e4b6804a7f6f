import { fmtShape, ShapeError, type Tensor } from '@strata/core';
import { kerasShape, shapesCompatible } from './layer_stack';
import type { TrainableModel } from './model';

type Shaped = Pick<TrainableModel, 'name' | 'built' | 'inputShape'>;

/** Throws a ShapeError unless `x` fits the (built) model's input shape. */
export function checkModelInput(model: Shaped, x: Tensor, who: string, arg = 'x'): void {
  if (!shapesCompatible(model.inputShape.slice(1), x.shape.slice(1))) {
    const single = shapesCompatible(model.inputShape.slice(1), x.shape);
    const hint = single ? `; it looks like one sample without the batch axis: add it with expandDims(${arg}, 0) (from @strata/core)` : '';
    throw new ShapeError(`${who}: ${arg} has shape ${fmtShape(x.shape)} but Sequential '${model.name}' expects input ${kerasShape(model.inputShape)}${hint}`);
  }
}

/** Builds the model for `x`'s shape on first use, else checks `x` against its input shape. */
export function buildForInput(model: Shaped & Pick<TrainableModel, 'build'>, x: Tensor, who: string, arg = 'x'): void {
  if (model.built) checkModelInput(model, x, who, arg);
  else model.build([null, ...x.shape.slice(1)]);
}
