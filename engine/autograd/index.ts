/** `torch.autograd`: backward, grad, gradcheck, anomaly mode; and `Tensor.backward`. */
import { Tensor } from '../tensor';
import type { GradList } from './node';
import { runBackward } from './engine';
import { ones_like } from '../ops/creation';
import { sizeRepr } from '../shape';
import { detect_anomaly, no_grad, set_detect_anomaly, is_anomaly_enabled } from './grad_mode';
import { installMethods } from '../ops/util';
import { _set_node_created_hook } from './function';

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
      if (!out.requires_grad) throw new Error(`element ${i} of tensors does not require grad and does not have a grad_fn`);
      if (out.numel() !== 1) throw new Error('grad can be implicitly created only for scalar outputs');
      return ones_like(out, { requires_grad: false });
    }
    if (g.shape.length !== out.shape.length || g.shape.some((s, k) => s !== out.shape[k])) {
      throw new Error(`Mismatch in shape: grad_output[${i}] has a shape of ${sizeRepr(g.shape)} and output[${i}] has a shape of ${sizeRepr(out.shape)}.`);
    }
    return g;
  });
}

function asList(v: Tensor | readonly Tensor[]): Tensor[] {
  return v instanceof Tensor ? [v] : [...v];
}

/** `torch.autograd.backward(tensors, grad_tensors?, {retain_graph, create_graph, inputs})`. */
export function backward(tensors: Tensor | readonly Tensor[], gradTensors?: Tensor | readonly (Tensor | null)[] | null, opts: BackwardOptions = {}): void {
  const outputs = asList(tensors);
  const grads = gradTensors === undefined || gradTensors === null ? [] : gradTensors instanceof Tensor ? [gradTensors] : [...gradTensors];
  const createGraph = opts.create_graph ?? false;
  const keepGraph = opts.retain_graph ?? createGraph;
  const inputs = opts.inputs === undefined ? undefined : asList(opts.inputs);
  if (inputs && inputs.length === 0) throw new Error("'inputs' argument to backward() cannot be empty.");
  runBackward(outputs, rootGrads(outputs, grads), { keepGraph, createGraph, inputs, accumulate: true, kind: 'backward' });
}

export interface GradOptions {
  grad_outputs?: Tensor | readonly (Tensor | null)[] | null;
  retain_graph?: boolean | null;
  create_graph?: boolean;
  allow_unused?: boolean;
}

/** `torch.autograd.grad`: returns the gradients (a tuple as an array) without touching `.grad`. */
export function grad(outputs: Tensor | readonly Tensor[], inputs: Tensor | readonly Tensor[], opts: GradOptions = {}): GradList {
  const outs = asList(outputs);
  const ins = asList(inputs);
  const go = opts.grad_outputs === undefined || opts.grad_outputs === null ? [] : opts.grad_outputs instanceof Tensor ? [opts.grad_outputs] : [...opts.grad_outputs];
  const createGraph = opts.create_graph ?? false;
  const keepGraph = opts.retain_graph ?? createGraph;
  const result = runBackward(outs, rootGrads(outs, go), { keepGraph, createGraph, inputs: ins, accumulate: false, kind: 'grad' });
  result.forEach((g, i) => {
    if (g === null && !opts.allow_unused) {
      throw new Error('One of the differentiated Tensors appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.');
    }
    if (g !== null && !createGraph) result[i] = g.detach();
  });
  return result;
}

export interface GradcheckOptions {
  eps?: number;
  atol?: number;
  rtol?: number;
  raise_exception?: boolean;
}

/**
 * `torch.autograd.gradcheck`: compares the analytical Jacobian (one backward per output element)
 * with central finite differences, for every input that requires grad. float64 inputs expected.
 */
export function gradcheck(fn: (...inputs: Tensor[]) => Tensor | readonly Tensor[], inputs: Tensor | readonly Tensor[], opts: GradcheckOptions = {}): boolean {
  const eps = opts.eps ?? 1e-6;
  const atol = opts.atol ?? 1e-5;
  const rtol = opts.rtol ?? 1e-3;
  const ins = asList(inputs);
  const diffIdx = ins.map((t, i) => (t.requires_grad ? i : -1)).filter((i) => i >= 0);
  if (diffIdx.length === 0) throw new Error('gradcheck expects at least one input tensor to require gradient, but none of the them have requires_grad=True.');
  const outputsOf = () => asList(fn(...ins));
  const outs = outputsOf();
  const fail = (msg: string): boolean => {
    if (opts.raise_exception === false) return false;
    throw new Error(msg);
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
        seed._data[k] = 1;
        const [g] = grad(out, x, { grad_outputs: seed, retain_graph: true, allow_unused: true });
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
  const data = x._data;
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

export const autograd = { backward, grad, gradcheck, detect_anomaly, set_detect_anomaly, is_anomaly_enabled, _set_node_created_hook };

declare module '../tensor' {
  interface Tensor {
    backward(gradient?: Tensor | null, opts?: BackwardOptions): void;
  }
}

installMethods({
  backward: (self: Tensor, gradient?: Tensor | null, opts?: BackwardOptions) => backward(self, gradient ?? null, opts),
});
