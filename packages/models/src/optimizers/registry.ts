import { Registry, ValueError, fmtValue } from '@strata/core';
import { Adam, type AdamArgs } from './adam';
import { AdamW } from './adamw';
import { deserializeSchedule } from './learning_rate_schedule';
import { Optimizer, type OptimizerArgs } from './optimizer';
import { RMSprop, type RMSpropArgs } from './rmsprop';
import { SGD, type SGDArgs } from './sgd';

type Factory = (args: Record<string, unknown>) => Optimizer;

/** Name or class name ('adam', 'Adam') -> constructor, for compile('adam') and deserialisation. */
export const optimizerRegistry = new Registry<Factory>('optimizer')
  .register('sgd', (a) => new SGD(a as SGDArgs))
  .register('adam', (a) => new Adam(a as AdamArgs))
  .register('adamw', (a) => new AdamW(a as AdamArgs))
  .register('rmsprop', (a) => new RMSprop(a as RMSpropArgs));

/** A name compile() accepts: 'sgd', 'adam', 'adamw', 'rmsprop' (any case). */
export type OptimizerIdentifier = string | Optimizer;

/** The optimizer for a name (with Keras's defaults) or the instance itself. */
export function getOptimizer(id: OptimizerIdentifier, who = 'compile'): Optimizer {
  if (id instanceof Optimizer) return id;
  if (typeof id !== 'string') throw new ValueError(`${who}: optimizer must be a name (e.g. 'adam') or an Optimizer, got ${fmtValue(id)}`);
  return optimizerRegistry.get(id, who)({});
}

/** Rebuilds an optimizer from `{ className, config }` (config from `getConfig()`). */
export function deserializeOptimizer(spec: { className: string; config: Record<string, unknown> }): Optimizer {
  const make = optimizerRegistry.get(spec.className, 'deserializeOptimizer');
  const config: Record<string, unknown> = { ...spec.config };
  const lr = config.learningRate;
  if (lr && typeof lr === 'object') config.learningRate = deserializeSchedule(lr as { className: string; config: Record<string, unknown> });
  for (const k of Object.keys(config)) if (config[k] === null) delete config[k];
  return make(config as OptimizerArgs as Record<string, unknown>);
}
