/** `torch.autograd`: backward, grad, gradcheck, anomaly mode; and `Tensor.backward`. */
import { Tensor } from '../tensor';
import type { GradList } from './node';
import { runBackward } from './engine';
import { ones_like, zeros_like } from '../ops/creation';
import { sizeRepr } from '../shape';
import { detect_anomaly, no_grad, set_detect_anomaly, is_anomaly_enabled } from './grad_mode';
import { installMethods } from '../ops/util';
import { _set_node_created_hook } from './function';
import { bindFunction } from '../bind/index';
import { NotImplementedError, RuntimeError, ValueError } from '../errors';

export interface BackwardOptions {
  retain_graph?: boolean | null;
  create_graph?: boolean;
  inputs?: Tensor | readonly Tensor[];
}

/** The gradient to start from: given, or implicit ones for a scalar, with PyTorch's checks. */
function rootGrads(outputs: readonly Tensor[], grads: readonly (Tensor | null | undefined)[]): Tensor[] {
  return outputs.map((out, i) => {
    const g = grads[i];
    if (g === null || g === undefined) {
      if (!out.requires_grad) throw new RuntimeError(`element ${i} of tensors does not require grad and does not have a grad_fn`);
      if (out.numel() !== 1) throw new RuntimeError('grad can be implicitly created only for scalar outputs');
      return ones_like(out);
    }
    if (g.shape.length !== out.shape.length || g.shape.some((s, k) => s !== out.shape[k])) {
      throw new RuntimeError(`Mismatch in shape: grad_output[${i}] has a shape of ${sizeRepr(g.shape)} and output[${i}] has a shape of ${sizeRepr(out.shape)}.`);
    }
    return g;
  });
}

function asList(v: Tensor | readonly Tensor[]): Tensor[] {
  return v instanceof Tensor ? [v] : [...v];
}

type TensorOrList = Tensor | readonly Tensor[];
type GradArg = Tensor | readonly (Tensor | null)[] | null | undefined;

/** `torch.autograd.backward(tensors, grad_tensors=None, retain_graph=None, create_graph=False, grad_variables=None, inputs=None)`. */
export function backward(tensors: TensorOrList, grad_tensors?: GradArg, retain_graph?: boolean | null, create_graph = false, grad_variables?: GradArg, inputsArg?: TensorOrList | null): void {
  const outputs = asList(tensors);
  const given = grad_tensors ?? grad_variables;
  const grads = given === undefined || given === null ? [] : given instanceof Tensor ? [given] : [...given];
  const createGraph = create_graph;
  const keepGraph = retain_graph ?? createGraph;
  const inputs = inputsArg === undefined || inputsArg === null ? undefined : asList(inputsArg);
  if (inputs && inputs.length === 0) throw new RuntimeError("'inputs' argument to backward() cannot be empty.");
  runBackward(outputs, rootGrads(outputs, grads), { keepGraph, createGraph, inputs, accumulate: true, kind: 'backward' });
}

/**
 * `torch.autograd.grad(outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False,
 * only_inputs=True, allow_unused=None, is_grads_batched=False, materialize_grads=False)`: returns the
 * gradients (a tuple as an array) without touching `.grad`.
 */
export function grad(
  outputs: TensorOrList,
  inputs: TensorOrList,
  grad_outputs?: GradArg,
  retain_graph?: boolean | null,
  create_graph = false,
  _only_inputs = true,
  allow_unused?: boolean | null,
  is_grads_batched = false,
  materialize_grads = false,
): GradList {
  if (is_grads_batched) throw new NotImplementedError('grad(): Gradlab does not support is_grads_batched=True yet');
  const outs = asList(outputs);
  const ins = asList(inputs);
  const go = grad_outputs === undefined || grad_outputs === null ? [] : grad_outputs instanceof Tensor ? [grad_outputs] : [...grad_outputs];
  const createGraph = create_graph;
  const keepGraph = retain_graph ?? createGraph;
  if (materialize_grads && allow_unused === false) throw new ValueError('Expected allow_unused to be True or not passed when materialize_grads=True, but got: allow_unused=False.');
  const allowUnused = allow_unused ?? materialize_grads;
  const result = runBackward(outs, rootGrads(outs, go), { keepGraph, createGraph, inputs: ins, accumulate: false, kind: 'grad' });
  result.forEach((g, i) => {
    if (g === null && materialize_grads) {
      result[i] = zeros_like(ins[i]);
      return;
    }
    if (g === null && !allowUnused) {
      throw new RuntimeError(`The differentiated Tensor at index ${i} appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.`);
    }
    if (g !== null && !createGraph) result[i] = g.detach();
  });
  return result;
}

/**
 * `torch.autograd.gradcheck`: compares the analytical Jacobian (one backward per output element)
 * with central finite differences, for every input that requires grad. float64 inputs expected.
 */
export function gradcheck(fn: (...inputs: Tensor[]) => Tensor | readonly Tensor[], inputs: Tensor | readonly Tensor[], eps = 1e-6, atol = 1e-5, rtol = 1e-3, raise_exception = true): boolean {
  const ins = asList(inputs);
  const diffIdx = ins.map((t, i) => (t.requires_grad ? i : -1)).filter((i) => i >= 0);
  if (diffIdx.length === 0) throw new ValueError('gradcheck expects at least one input tensor to require gradient, but none of the them have requires_grad=True.');
  const outputsOf = () => asList(fn(...ins));
  const outs = outputsOf();
  const fail = (msg: string): boolean => {
    if (!raise_exception) return false;
    throw new GradcheckError(msg);
  };
  for (let o = 0; o < outs.length; o++) {
    const out = outs[o];
    if (!out.requires_grad) continue;
    const nOut = out.numel();
    for (const i of diffIdx) {
      const x = ins[i];
      const nIn = x.numel();
      const numerical = numericalJacobian(outputsOf, o, x, eps);
      const analytical = new Float64Array(nIn * nOut);
      for (let k = 0; k < nOut; k++) {
        const seed = no_grad(() => out.detach().mul(0));
        seed._array()[k] = 1;
        const [g] = grad(out, x, seed, true, false, true, true);
        const gv = g ? g._values() : new Float64Array(nIn);
        for (let j = 0; j < nIn; j++) analytical[j * nOut + k] = gv[j];
      }
      for (let q = 0; q < analytical.length; q++) {
        const a = analytical[q];
        const n = numerical[q];
        if (!(Math.abs(a - n) <= atol + rtol * Math.abs(n))) {
          return fail(`Jacobian mismatch for output ${o} with respect to input ${i},\nnumerical:${formatMatrix(numerical, nIn, nOut)}\nanalytical:${formatMatrix(analytical, nIn, nOut)}\n`);
        }
      }
    }
  }
  return true;
}

/** d out[o] / d x by central differences, laid out as PyTorch's (input index, output index). */
function numericalJacobian(outputsOf: () => Tensor[], o: number, x: Tensor, eps: number): Float64Array {
  // Grad mode stays on, as in PyTorch: a function that itself calls autograd.grad (gradgradcheck) needs it.
  const nIn = x.numel();
  const nOut = outputsOf()[o].numel();
  const jac = new Float64Array(nIn * nOut);
  const data = x._array();
  const offsets = flatOffsets(x);
  for (let j = 0; j < nIn; j++) {
    const p = offsets[j];
    const orig = data[p];
    data[p] = orig + eps;
    const plus = outputsOf()[o]._values().slice();
    data[p] = orig - eps;
    const minus = outputsOf()[o]._values().slice();
    data[p] = orig;
    for (let k = 0; k < nOut; k++) jac[j * nOut + k] = (plus[k] - minus[k]) / (2 * eps);
  }
  return jac;
}

function flatOffsets(x: Tensor): number[] {
  const out: number[] = [];
  const rec = (d: number, base: number) => {
    if (d === x.shape.length) {
      out.push(base);
      return;
    }
    for (let i = 0; i < x.shape[d]; i++) rec(d + 1, base + i * x._strides[d]);
  };
  rec(0, x._offset);
  return out;
}

/** The Jacobian as PyTorch prints it in gradcheck's message: a float64 tensor's repr. */
function formatMatrix(m: Float64Array, rows: number, cols: number): string {
  return String(new Tensor(m, [rows, cols], 'float64'));
}

/** `torch.autograd.GradcheckError`: a RuntimeError subclass, as PyTorch's. */
export class GradcheckError extends RuntimeError {}
Object.defineProperty(GradcheckError.prototype, 'name', { value: 'GradcheckError', configurable: true, writable: true });

type Kw<T> = { [K in keyof T]?: T[K] };
type BackwardKw = Kw<{ gradient: Tensor | null; retain_graph: boolean | null; create_graph: boolean; inputs: TensorOrList | null }>;
type GradKw = Kw<{ grad_outputs: GradArg; retain_graph: boolean | null; create_graph: boolean; only_inputs: boolean; allow_unused: boolean | null; is_grads_batched: boolean; materialize_grads: boolean }>;

/** The public forms: Python's parameters, positionally or by name in one options object, last. */
export interface AutogradNamespace {
  backward(tensors: TensorOrList | (BackwardOptions & { tensors?: TensorOrList; grad_tensors?: GradArg }), grad_tensors?: GradArg | (BackwardOptions & { grad_tensors?: GradArg }), kwargs?: BackwardOptions & { grad_tensors?: GradArg }): void;
  grad(outputs: TensorOrList | (GradKw & { outputs?: TensorOrList; inputs?: TensorOrList }), inputs?: TensorOrList | (GradKw & { inputs?: TensorOrList }), kwargs?: GradKw): GradList;
  gradcheck(func: (...inputs: Tensor[]) => Tensor | readonly Tensor[], inputs: Tensor | readonly Tensor[], kwargs?: Kw<{ eps: number; atol: number; rtol: number; raise_exception: boolean }>): boolean;
  detect_anomaly: typeof detect_anomaly;
  set_detect_anomaly: typeof set_detect_anomaly;
  is_anomaly_enabled: typeof is_anomaly_enabled;
  GradcheckError: typeof GradcheckError;
  _set_node_created_hook: typeof _set_node_created_hook;
}

export const autograd: AutogradNamespace = {
  backward: bindFunction('autograd.backward', backward) as unknown as AutogradNamespace['backward'],
  grad: bindFunction('autograd.grad', grad) as unknown as AutogradNamespace['grad'],
  gradcheck: bindFunction('autograd.gradcheck', gradcheck) as unknown as AutogradNamespace['gradcheck'],
  detect_anomaly: bindFunction('autograd.detect_anomaly', detect_anomaly),
  set_detect_anomaly: bindFunction('autograd.set_detect_anomaly', set_detect_anomaly),
  is_anomaly_enabled: bindFunction('autograd.is_anomaly_enabled', is_anomaly_enabled),
  GradcheckError,
  _set_node_created_hook,
};

declare module '../tensor' {
  interface Tensor {
    backward(gradient?: Tensor | null | BackwardKw, retain_graph?: boolean | null | BackwardKw, create_graph?: boolean | BackwardKw, inputs?: TensorOrList | null | BackwardKw, kwargs?: BackwardKw): void;
  }
}

installMethods({
  backward: (self: Tensor, gradient?: Tensor | null, retain_graph?: boolean | null, create_graph?: boolean, inputs?: TensorOrList | null) => backward(self, gradient ?? null, retain_graph, create_graph, undefined, inputs),
});
