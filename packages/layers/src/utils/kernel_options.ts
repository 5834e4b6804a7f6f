import { optionKeys } from '@strata/core';
import { checkActivation, type ActivationIdentifier } from '../activation_functions';
import { getInitializer, serializeInitializer, type Initializer, type InitializerIdentifier } from '../initializers';
import { getRegularizer, serializeRegularizer, type L1L2, type RegularizerIdentifier } from '../regularizers';
import { getConstraint, serializeConstraint, type Constraint, type ConstraintIdentifier } from '../constraints';
import { checkBoolean } from './args';

/** The options every kernel-and-bias layer (Dense, Conv2D) takes, with Keras's defaults. */
export interface KernelLayerArgs {
  activation?: ActivationIdentifier;
  useBias?: boolean;
  kernelInitializer?: InitializerIdentifier;
  biasInitializer?: InitializerIdentifier;
  kernelRegularizer?: RegularizerIdentifier | null;
  biasRegularizer?: RegularizerIdentifier | null;
  /** Applied to the weight after each optimizer step ('maxNorm', maxNorm({ maxValue: 3 }), ...). */
  kernelConstraint?: ConstraintIdentifier | null;
  biasConstraint?: ConstraintIdentifier | null;
}

export const KERNEL_KEYS = optionKeys<KernelLayerArgs>()({
  activation: true, useBias: true, kernelInitializer: true, biasInitializer: true, kernelRegularizer: true, biasRegularizer: true,
  kernelConstraint: true, biasConstraint: true,
});

export interface KernelOptions {
  activation: ActivationIdentifier;
  useBias: boolean;
  kernelInitializer: Initializer;
  biasInitializer: Initializer;
  kernelRegularizer: L1L2 | null;
  biasRegularizer: L1L2 | null;
  kernelConstraint: Constraint | null;
  biasConstraint: Constraint | null;
}

/** Validates and resolves the options; errors name the layer (`who`) and the argument. */
export function resolveKernelOptions(args: KernelLayerArgs, who: string): KernelOptions {
  return {
    activation: checkActivation(args.activation, who),
    useBias: checkBoolean(args.useBias, who, 'useBias', true),
    kernelInitializer: getInitializer(args.kernelInitializer ?? 'glorotUniform', `${who}: kernelInitializer`),
    biasInitializer: getInitializer(args.biasInitializer ?? 'zeros', `${who}: biasInitializer`),
    kernelRegularizer: getRegularizer(args.kernelRegularizer, `${who}: kernelRegularizer`),
    biasRegularizer: getRegularizer(args.biasRegularizer, `${who}: biasRegularizer`),
    kernelConstraint: getConstraint(args.kernelConstraint, `${who}: kernelConstraint`),
    biasConstraint: getConstraint(args.biasConstraint, `${who}: biasConstraint`),
  };
}

/** The options' part of `getConfig()`. */
export function kernelOptionsConfig(o: KernelOptions): Record<string, unknown> {
  return {
    activation: o.activation,
    useBias: o.useBias,
    kernelInitializer: serializeInitializer(o.kernelInitializer),
    biasInitializer: serializeInitializer(o.biasInitializer),
    kernelRegularizer: serializeRegularizer(o.kernelRegularizer),
    biasRegularizer: serializeRegularizer(o.biasRegularizer),
    kernelConstraint: serializeConstraint(o.kernelConstraint),
    biasConstraint: serializeConstraint(o.biasConstraint),
  };
}
