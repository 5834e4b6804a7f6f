import { ShapeError, ValueError } from '../errors';
import { Tensor } from '../tensor/tensor';
import { getBackend } from '../backends/registry';
import { fmtShape, shapesEqual } from '../util/shape';
import { noGrad } from './grad_mode';

function accumulate(prev: Tensor | undefined | null, g: Tensor): Tensor {
  if (!prev) return g;
  const sum = getBackend().binary('add', prev.f32, prev.shape, g.f32, g.shape, prev.shape);
  return new Tensor(sum, prev.shape, 'float32');
}

/** Nodes reachable from `root` that require a gradient, inputs before outputs. */
function topoOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const seen = new Set<Tensor>();
  // Iterative DFS: deep graphs (long unrolled loops) must not overflow the JS stack.
  const stack: [Tensor, number][] = [[root, 0]];
  seen.add(root);
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const [t, i] = top;
    const inputs = t.node ? t.node.inputs : [];
    if (i < inputs.length) {
      top[1]++;
      const child = inputs[i];
      if (child.requiresGrad && !seen.has(child)) {
        seen.add(child);
        stack.push([child, 0]);
      }
    } else {
      stack.pop();
      order.push(t);
    }
  }
  return order;
}

export function runBackward(root: Tensor, grad?: Tensor): void {
  if (!root.requiresGrad) {
    throw new ValueError('backward: the tensor does not require a gradient (no input was created with requiresGrad or as a variable)');
  }
  let seed: Tensor;
  if (grad === undefined) {
    if (root.size !== 1) {
      throw new ValueError(`backward: called on a non-scalar tensor of shape ${fmtShape(root.shape)} without an upstream gradient; pass one of the same shape`);
    }
    seed = new Tensor(new Float32Array(root.shape.length === 0 ? 1 : root.size).fill(1), root.shape, 'float32');
  } else {
    if (!shapesEqual(grad.shape, root.shape)) {
      throw new ShapeError(`backward: upstream gradient has shape ${fmtShape(grad.shape)}, expected ${fmtShape(root.shape)}`);
    }
    seed = grad;
  }
  const order = topoOrder(root);
  const grads = new Map<Tensor, Tensor>([[root, seed]]);
  noGrad(() => {
    for (let i = order.length - 1; i >= 0; i--) {
      const t = order[i];
      const g = grads.get(t);
      grads.delete(t);
      if (!g) continue;
      const node = t.node;
      if (node === null) {
        t.grad = accumulate(t.grad, g);
        continue;
      }
      const inputGrads = node.backward(g);
      node.inputs.forEach((input, k) => {
        const ig = inputGrads[k];
        if (!input.requiresGrad || !ig) return;
        if (!shapesEqual(ig.shape, input.shape)) {
          throw new ShapeError(`backward: gradient of ${node.op} input ${k} has shape ${fmtShape(ig.shape)}, expected ${fmtShape(input.shape)}`);
        }
        grads.set(input, accumulate(grads.get(input), ig));
      });
    }
  });
  // Release the tape: saved tensors become garbage as soon as the caller drops the outputs.
  for (const t of order) {
    if (t.node !== null) {
      t.node = null;
      t.requiresGrad = false;
    }
  }
}
