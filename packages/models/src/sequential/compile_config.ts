import { checkOptions, isOptionsObject, optionKeys, ValueError } from '@strata/core';
import type { Loss } from '../losses/loss';
import { getLoss, type LossIdentifier } from '../losses/registry';
import { getMetric, type MetricIdentifier } from '../metrics/registry';
import type { Optimizer } from '../optimizers/optimizer';
import { getOptimizer, type OptimizerIdentifier } from '../optimizers/registry';

/** Arguments of {@link Sequential.compile}. */
export interface CompileArgs {
  optimizer: OptimizerIdentifier;
  loss: LossIdentifier;
  /** A metric or a list of them (`'accuracy'` or `['accuracy']`, as Keras). */
  metrics?: MetricIdentifier | MetricIdentifier[];
}

/** What compile() resolved. */
export interface CompiledConfig {
  optimizer: Optimizer;
  loss: Loss;
  metrics: MetricIdentifier[];
}

const COMPILE_KEYS = optionKeys<CompileArgs>()({ optimizer: true, loss: true, metrics: true });

/** compile's arguments from the options form or Keras's positional form `compile(optimizer, loss, metrics)`. */
function compileArgs(first: CompileArgs | OptimizerIdentifier, loss: LossIdentifier | undefined, metrics: CompileArgs['metrics'] | undefined): CompileArgs {
  if (isOptionsObject(first)) {
    if (loss !== undefined || metrics !== undefined) {
      throw new ValueError('compile: pass either an options object compile({ optimizer, loss, metrics }) or positional arguments compile(optimizer, loss, metrics), not both');
    }
    const args = checkOptions(first as CompileArgs, COMPILE_KEYS, 'compile');
    for (const k of ['optimizer', 'loss'] as const) {
      if (args[k] === undefined) throw new ValueError(`compile: '${k}' is required, e.g. compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] })`);
    }
    return args;
  }
  if (loss === undefined) {
    throw new ValueError(`compile: a loss is required; call compile(optimizer, loss, metrics) or compile({ optimizer, loss, metrics }), got only ${JSON.stringify(first) ?? String(first)}`);
  }
  return { optimizer: first as OptimizerIdentifier, loss, metrics };
}

/** Resolves (and checks) every name compile() was given; nothing is kept if any is wrong. */
export function resolveCompile(first: CompileArgs | OptimizerIdentifier, lossArg?: LossIdentifier, metricsArg?: CompileArgs['metrics']): CompiledConfig {
  const args = compileArgs(first, lossArg, metricsArg);
  const loss = getLoss(args.loss);
  const optimizer = getOptimizer(args.optimizer);
  const metrics = args.metrics === undefined ? [] : Array.isArray(args.metrics) ? [...args.metrics] : [args.metrics];
  for (const m of metrics) getMetric(m, loss);
  return { optimizer, loss, metrics };
}
