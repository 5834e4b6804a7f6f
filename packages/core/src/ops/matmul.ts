import { getBackend } from '../backends/registry';
import type { FusedActivation } from '../backends/backend';
import { record } from '../autograd/record';
import { ShapeError } from '../errors';
import type { Tensor } from '../tensor/tensor';
import { fmtShape } from '../util/shape';
import { float } from './util';
import { reluGrad } from './unary';
import { sum } from './reductions';
import { reshape } from './reshape';

export interface MatMulOptions {
  transposeA?: boolean;
  transposeB?: boolean;
  /** Fused epilogue: a [n] bias added to every row, then the activation. */
  bias?: Tensor | null;
  activation?: FusedActivation;
}

/**
 * Matrix product of rank-2 tensors, or of rank-3 batches (b may be rank 2 and shared).
 * With `bias`/`activation` it is the fused Dense forward: act(a·b + bias).
 */
export function matMul(a: Tensor, b: Tensor, options: MatMulOptions = {}): Tensor {
  const { transposeA = false, transposeB = false, bias = null, activation = 'linear' } = options;
  if (a.rank === 3 && b.rank === 2 && !transposeA) {
    // A shared right-hand matrix: one big GEMM over the flattened batch.
    const [bt, m, k] = a.shape;
    const flat = matMul(reshape(a, [bt * m, k]), b, options);
    return reshape(flat, [bt, m, flat.shape[1]]);
  }
  if (!((a.rank === 2 && b.rank === 2) || (a.rank === 3 && b.rank === 3 && a.shape[0] === b.shape[0]))) {
    throw new ShapeError(`matMul: expected two rank-2 tensors or two rank-3 tensors with equal batch, got ${fmtShape(a.shape)} and ${fmtShape(b.shape)}`);
  }
  const batched = a.rank === 3;
  const batch = batched ? a.shape[0] : 1;
  const [ar, ac] = a.shape.slice(-2);
  const [br, bc] = b.shape.slice(-2);
  const m = transposeA ? ac : ar;
  const k = transposeA ? ar : ac;
  const kb = transposeB ? bc : br;
  const n = transposeB ? br : bc;
  if (k !== kb) {
    throw new ShapeError(`matMul: inner dimensions differ: a ${fmtShape(a.shape)}${transposeA ? 'ᵀ' : ''} has ${k} columns, b ${fmtShape(b.shape)}${transposeB ? 'ᵀ' : ''} has ${kb} rows`);
  }
  if (bias && (bias.rank !== 1 || bias.shape[0] !== n)) {
    throw new ShapeError(`matMul: bias must have shape [${n}], got ${fmtShape(bias.shape)}`);
  }
  const shape = batched ? [batch, m, n] : [m, n];
  const values = getBackend().matMul(a.f32, b.f32, batch, m, n, k, transposeA, transposeB, bias ? bias.f32 : null, activation);
  const out = float(values, shape);
  const inputs = bias ? [a, b, bias] : [a, b];
  return record(out, 'matMul', inputs, (dyIn) => {
    const dy = activation === 'relu' ? reluGrad(dyIn, out) : dyIn;
    const da = !a.requiresGrad ? null
      : transposeA ? matMul(b, dy, { transposeA: transposeB, transposeB: true }) : matMul(dy, b, { transposeB: !transposeB });
    const db = !b.requiresGrad ? null
      : transposeB ? matMul(dy, a, { transposeA: true, transposeB: transposeA }) : matMul(a, dy, { transposeA: !transposeA });
    const grads = [da, db];
    if (bias) grads.push(bias.requiresGrad ? sum(dy, batched ? [0, 1] : [0]) : null);
    return grads;
  });
}
