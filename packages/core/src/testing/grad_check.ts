import { noGrad } from '../autograd/grad_mode';
import { ValueError } from '../errors';
import { makeRng } from '../random';
import { Tensor } from '../tensor/tensor';

export interface GradCheckOptions {
  /** Finite-difference step. */
  eps?: number;
  /** Allowed error: |analytic - numeric| <= atol + rtol * max(|analytic|, |numeric|). */
  rtol?: number;
  atol?: number;
  /** Check at most this many (randomly chosen) elements of each parameter. */
  maxChecks?: number;
  seed?: number;
}

export interface GradCheckReport {
  checked: number;
  maxAbsError: number;
}

/**
 * Checks the autograd gradient of `f` with respect to each tensor in `params` against central
 * finite differences. `f` must read `params` (leaf tensors with requiresGrad, or variables),
 * which are perturbed in place. The checked scalar is sum(f() * w) for fixed random weights w,
 * so the gradient of every output element is exercised, not just of their sum.
 * Throws a ValueError describing the first mismatch.
 */
export function checkGradients(f: () => Tensor, params: readonly Tensor[], options: GradCheckOptions = {}): GradCheckReport {
  const { eps = 1e-3, rtol = 2e-2, atol = 2e-3, maxChecks = 150, seed = 1 } = options;
  const rng = makeRng(seed);
  for (const p of params) {
    if (!p.requiresGrad || !p.isLeaf) throw new ValueError('checkGradients: every param must be a leaf tensor that requires a gradient');
    p.zeroGrad();
  }
  const out = f();
  const w = new Float32Array(out.size);
  for (let i = 0; i < w.length; i++) w[i] = rng() * 2 - 1;
  out.backward(new Tensor(w, out.shape, 'float32'));
  const analytic = params.map((p) => (p.grad ? p.grad.f32.slice() : new Float32Array(p.size)));

  const loss = (): number => {
    const o = noGrad(f).f32;
    let s = 0;
    for (let i = 0; i < o.length; i++) s += o[i] * w[i];
    return s;
  };
  let checked = 0;
  let maxAbsError = 0;
  params.forEach((p, pi) => {
    const v = p.values as Float32Array;
    const indices = v.length <= maxChecks ? [...v.keys()] : Array.from({ length: maxChecks }, () => Math.floor(rng() * v.length));
    for (const j of indices) {
      const orig = v[j];
      v[j] = orig + eps;
      const up = loss();
      v[j] = orig - eps;
      const down = loss();
      v[j] = orig;
      // The step actually taken in float32, not the nominal eps.
      const h = Math.fround(orig + eps) - Math.fround(orig - eps);
      const numeric = (up - down) / h;
      const a = analytic[pi][j];
      const err = Math.abs(a - numeric);
      maxAbsError = Math.max(maxAbsError, err);
      checked++;
      if (!(err <= atol + rtol * Math.max(Math.abs(a), Math.abs(numeric)))) {
        throw new ValueError(`checkGradients: param ${pi} element ${j}: analytic ${a} vs numeric ${numeric} (|diff| ${err})`);
      }
    }
    p.zeroGrad();
  });
  return { checked, maxAbsError };
}
