import { ValueError } from '@strata/core';
import { Adam, type AdamArgs } from './adam';
import { AdamW } from './adamw';
import { deserializeSchedule } from './learning_rate_schedule';
import { Optimizer, type OptimizerArgs } from './optimizer';
import { RMSprop, type RMSpropArgs } from './rmsprop';
import { SGD, type SGDArgs } from './sgd';

type Factory = (args: Record<string, unknown>) => Optimizer;

/** Lower-cased name or class name -> constructor, for compile('adam') and deserialisation. */
const optimizers = new Map<string, Factory>([
  ['sgd', (a) => new SGD(a as SGDArgs)],
  ['adam', (a) => new Adam(a as AdamArgs)],
  ['adamw', (a) => new AdamW(a as AdamArgs)],
  ['rmsprop', (a) => new RMSprop(a as RMSpropArgs)],
]);

/** A name compile() accepts: 'sgd', 'adam', 'adamw', 'rmsprop' (any case). */
export type OptimizerIdentifier = string | Optimizer;

/** The optimizer for a name (with Keras's defaults) or the instance itself. */
export function getOptimizer(id: OptimizerIdentifier): Optimizer {
  if (id instanceof Optimizer) return id;
  const make = typeof id === 'string' ? optimizers.get(id.toLowerCase()) : undefined;
  if (!make) throw new ValueError(`compile: unknown optimizer ${JSON.stringify(id)}; expected an Optimizer or one of ${[...optimizers.keys()].map((k) => `'${k}'`).join(', ')}`);
  return make({});
}

/** Rebuilds an optimizer from `{ className, config }` (config from `getConfig()`). */
export function deserializeOptimizer(spec: { className: string; config: Record<string, unknown> }): Optimizer {
  const make = optimizers.get(spec.className.toLowerCase());
  if (!make) throw new ValueError(`deserializeOptimizer: unknown optimizer class '${spec.className}'; known: SGD, Adam, AdamW, RMSprop`);
  const config: Record<string, unknown> = { ...spec.config };
  const lr = config.learningRate;
  if (lr && typeof lr === 'object') config.learningRate = deserializeSchedule(lr as { className: string; config: Record<string, unknown> });
  for (const k of Object.keys(config)) if (config[k] === null) delete config[k];
  return make(config as OptimizerArgs as Record<string, unknown>);
}
