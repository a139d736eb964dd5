/**
 * `torch.nn.functional` (imported as `F`): activations, linear, and the losses, each recording the
 * Nodes PyTorch 1.13 records (MseLossBackward0, NllLossBackward0 under LogSoftmaxBackward0, ...).
 */
import { Tensor } from '../tensor';
import { record } from '../autograd/function';
import { no_grad } from '../autograd/grad_mode';
import { isFloating, type DType } from '../dtype';
import { broadcastShapes, sameShape } from '../shape';
import { add_, div, eq, mul, ne, neg, relu as reluOp, relu_, sigmoid as sigmoidOp, sub, tanh as tanhOp, where } from '../ops/elementwise';
import { RuntimeError, ValueError } from '../errors';
import { mean, sum } from '../ops/reduce';
import { contiguous, expand, reshape, t, to, view } from '../ops/shape';
import { gather, index_select } from '../ops/index_ops';
import { arange } from '../ops/creation';
import { readableNow } from '../backends';
import { nllPick } from '../backends/cpu/loss';
import { addmm, matmul } from '../ops/linalg';
import { log_softmax as logSoftmaxOp, softmax as softmaxOp } from '../ops/softmax';
import { derivatives } from '../autograd/derivatives';

export type Reduction = 'none' | 'mean' | 'sum';

const SCALAR_NAMES: Record<DType, string> = { float32: 'Float', float64: 'Double', int64: 'Long', bool: 'Bool' };

/** PyTorch's `_Reduction.get_enum`: the int a loss Node saves as `_saved_reduction`. */
export function reductionEnum(reduction: string): 0 | 1 | 2 {
  if (reduction === 'none') return 0;
  if (reduction === 'mean') return 1;
  if (reduction === 'sum') return 2;
  throw new ValueError(`${reduction} is not a valid value for reduction`);
}

/**
 * The reduction a loss uses: `reduction`, unless one of the deprecated `size_average` / `reduce`
 * is given (PyTorch's _Reduction.legacy_get_string).
 */
export function legacyReduction(size_average: boolean | null | undefined, reduce: boolean | null | undefined, reduction: string | undefined): string {
  if ((size_average === undefined || size_average === null) && (reduce === undefined || reduce === null)) return reduction ?? 'mean';
  const avg = size_average ?? true;
  const red = reduce ?? true;
  return avg && red ? 'mean' : red ? 'sum' : 'none';
}

// ---- activations ---------------------------------------------------------------------------------

export function relu(input: Tensor, inplace = false): Tensor {
  return inplace ? relu_(input) : reluOp(input);
}
export function sigmoid(input: Tensor): Tensor {
  return sigmoidOp(input);
}
export function tanh(input: Tensor): Tensor {
  return tanhOp(input);
}

/** The dim PyTorch picks when none is given (with a deprecation warning there). */
function softmaxDim(input: Tensor, dim: number | null | undefined): number {
  return dim ?? ([0, 1, 3].includes(input.dim()) ? 0 : 1);
}

export function softmax(input: Tensor, dim?: number | null, _stacklevel?: number, dtype?: DType | null): Tensor {
  return softmaxOp(input, softmaxDim(input, dim), dtype);
}

export function log_softmax(input: Tensor, dim?: number | null, _stacklevel?: number, dtype?: DType | null): Tensor {
  return logSoftmaxOp(input, softmaxDim(input, dim), dtype);
}

// ---- linear ----------------------------------------------------------------------------------------

/** `F.linear`: `input @ weight.T + bias`, through the ops PyTorch's at::linear picks for the rank. */
/** PyTorch 2.x's aten::linear: addmm where it can (a contiguous input's batch flattened), else matmul then `add_`. */
export function linear(input: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  if (bias !== null && input.dim() === 2) return addmm(bias, input, t(weight));
  if (bias !== null && input.is_contiguous() && bias.dim() === 1) {
    // _flatten_nd_linear: one addmm over the flattened batch, viewed back.
    const lead = input.shape.slice(0, -1);
    const k = input.shape[input.shape.length - 1];
    const out = addmm(bias, reshape(input, [lead.reduce((a, b) => a * b, 1), k]), t(weight));
    return view(out, undefined, [...lead, out.shape[1]]);
  }
  const out = matmul(input, t(weight));
  return bias === null ? out : add_(out, bias);
}

// ---- mse_loss -------------------------------------------------------------------------------------

export function mse_loss(input: Tensor, target: Tensor, size_average?: boolean | null, reduce?: boolean | null, reductionArg?: Reduction, weight?: Tensor | null): Tensor {
  const reduction = reductionEnum(legacyReduction(size_average, reduce, reductionArg));
  if (weight !== undefined && weight !== null) {
    // 2.x's weighted form is written with ops: ((input - target) ** 2 * weight), then reduced.
    const weighted = mul(sub(input, target).pow(2), weight);
    return reduction === 0 ? weighted : reduction === 1 ? mean(weighted) : sum(weighted);
  }
  // F.mse_loss broadcasts the pair first (torch.broadcast_tensors expands only what differs).
  const shape = broadcastShapes(input.shape, target.shape);
  const x = sameShape(input.shape, shape) ? input : expand(input, shape);
  const y = sameShape(target.shape, shape) ? target : expand(target, shape);
  const out = no_grad(() => {
    const squared = sub(x, y).pow(2);
    return reduction === 0 ? squared : reduction === 1 ? mean(squared) : sum(squared);
  });
  const norm = reduction === 1 ? 2 / x.numel() : 2;
  return record('MseLossBackward0', [x, y], out, { reduction, self: x, target: y }, ([g], s, needs) => {
    const gradInput = mul(mul(sub(s.self as Tensor, s.target as Tensor), norm), g!);
    return [needs[0] ? gradInput : null, needs[1] ? neg(gradInput) : null];
  });
}

// ---- nll_loss ---------------------------------------------------------------------------------------

/**
 * The kernel of nll_loss / nll_loss2d over input (N, C, S...) or (C) and target (N, S...) or ():
 * picks -weight[t] * input[n, t, s], skips ignore_index, and reduces. Its backward is a constant
 * (the picked weights, scaled) times the incoming gradient, so it is linear in that gradient.
 */
function nllCore(name: string, input: Tensor, target: Tensor, weight: Tensor | null, reduction: 0 | 1 | 2, ignoreIndex: number): Tensor {
  if (target.dtype !== 'int64') throw new RuntimeError(`expected scalar type Long but found ${SCALAR_NAMES[target.dtype]}`);
  const noBatch = input.dim() === 1;
  const C = noBatch ? input.shape[0] : input.shape[1];
  if (weight !== null && weight.numel() !== C) {
    throw new RuntimeError(`weight tensor should be defined either for all ${C} classes or no classes but got weight tensor of shape: [${weight.shape.join(', ')}]`);
  }
  const N = noBatch ? 1 : input.shape[0];
  const S = noBatch ? 1 : input.numel() / Math.max(N * C, 1);
  // A backend that reads values now picks on the host (and checks each target); otherwise the
  // loss is composed of device ops.
  if (!readableNow(input)) return nllCoreOnDevice(name, input, target, weight, reduction, ignoreIndex, [N, C, S]);
  const { losses, picked, total, totalWeight } = nllPick(input._values(), target._values(), weight?._values(), [N, C, S], ignoreIndex, input.dtype);
  const scalar = (v: number) => {
    const out = Tensor._empty([], input.dtype, input.device);
    out._array()[0] = v;
    return out;
  };
  let out: Tensor;
  if (reduction === 0) {
    out = Tensor._empty(target.shape, input.dtype, input.device);
    out._array().set(losses);
  } else {
    out = scalar(reduction === 1 ? total / totalWeight : total);
  }
  const totalWeightT = scalar(totalWeight);
  const dOut = new Tensor(picked, input.shape, input.dtype, { device: input.device });
  const saved = { ignore_index: ignoreIndex, reduction, self: input, target, total_weight: totalWeightT, weight };
  return record(name, [input], out, saved, ([g]) => {
    const scale = reduction === 1 ? 1 / totalWeight : 1;
    // With reduction='none', g has the target's shape: it spreads over the class dim.
    const gi = reduction === 0 && !noBatch ? g!.unsqueeze(1) : g!;
    return [mul(mul(gi, dOut), scale)];
  });
}

/**
 * nllCore where values cannot be read now (WebGPU), composed of device ops: the picked log
 * probabilities are a gather along the class dim, and the constant gradient is -weight[t] where the
 * class equals the target. Out-of-range targets are not checked (CUDA asserts on the device).
 */
function nllCoreOnDevice(name: string, input: Tensor, target: Tensor, weight: Tensor | null, reduction: 0 | 1 | 2, ignoreIndex: number, [N, C, S]: number[]): Tensor {
  const tgt = to(target, input.device);
  const parts = no_grad(() => {
    const x3 = reshape(input, [N, C, S]);
    const t3 = reshape(tgt, [N, 1, S]);
    const valid = ne(t3, ignoreIndex);
    const safe = where(valid, t3, 0);
    const w = weight ? reshape(index_select(weight, 0, reshape(safe, [-1])), [N, 1, S]) : 1;
    const wt = where(valid, w, 0).to(input.dtype);
    const losses = neg(mul(gather(x3, 1, safe), wt));
    const classes = reshape(arange(undefined, C, undefined, undefined, input.device), [1, C, 1]);
    const dOut = reshape(where(eq(classes, safe), neg(wt), 0), input.shape);
    const totalWeight = sum(wt);
    const out = reduction === 0 ? reshape(losses, target.shape) : reduction === 1 ? div(sum(losses), totalWeight) : sum(losses);
    return { out, dOut, totalWeight };
  });
  const saved = { ignore_index: ignoreIndex, reduction, self: input, target: tgt, total_weight: parts.totalWeight, weight };
  return record(name, [input], parts.out, saved, ([g]) => {
    const gi = reduction === 0 && input.dim() > 1 ? g!.unsqueeze(1) : g!;
    const grad = mul(gi, parts.dOut);
    return [reduction === 1 ? div(grad, parts.totalWeight) : grad];
  });
}

export function nll_loss(input: Tensor, target: Tensor, weightArg?: Tensor | null, size_average?: boolean | null, ignore_index?: number, reduce?: boolean | null, reductionArg?: Reduction): Tensor {
  const reduction = reductionEnum(legacyReduction(size_average, reduce, reductionArg));
  const weight = weightArg ?? null;
  const ignoreIndex = ignore_index ?? -100;
  const dim = input.dim();
  if (dim < 1) throw new ValueError(`Expected 1 or more dimensions (got ${dim})`);
  if (dim !== 1 && input.shape[0] !== target.shape[0]) {
    throw new ValueError(`Expected input batch_size (${input.shape[0]}) to match target batch_size (${target.shape[0]}).`);
  }
  if (dim <= 2) {
    if (target.dim() > 1) throw new RuntimeError('0D or 1D target tensor expected, multi-target not supported');
    return nllCore('NllLossBackward0', input, target, weight, reduction, ignoreIndex);
  }
  if (dim === 4) {
    if (target.dim() !== 3) throw new RuntimeError(`only batches of spatial targets supported (3D tensors) but got targets of dimension: ${target.dim()}`);
    const expected = [input.shape[0], ...input.shape.slice(2)];
    if (!sameShape(target.shape, expected)) throw new RuntimeError(`size mismatch (got input: [${input.shape.join(', ')}] , target: [${target.shape.join(', ')}]`);
    return nllCore('NllLoss2DBackward0', input, target, weight, reduction, ignoreIndex);
  }
  // Other ranks go through nll_loss2d on an (N, C, 1, -1) view, as PyTorch's nll_loss_nd does.
  const [n, c] = input.shape;
  const outSize = [n, ...input.shape.slice(2)];
  if (!sameShape(target.shape.slice(1), input.shape.slice(2))) {
    throw new RuntimeError(`Expected target size [${outSize.join(', ')}], got [${target.shape.join(', ')}]`);
  }
  const input4d = view(contiguous(input), undefined, [n, c, 1, -1]);
  const target3d = view(contiguous(target), undefined, [n, 1, -1]);
  const out = nllCore('NllLoss2DBackward0', input4d, target3d, weight, reduction, ignoreIndex);
  return reduction === 0 ? view(out, undefined, outSize) : out;
}

// ---- cross_entropy -----------------------------------------------------------------------------------

/** Class-index targets: nll_loss(log_softmax(input)); same-shaped float targets: class probabilities. */
export function cross_entropy(
  input: Tensor,
  target: Tensor,
  weight?: Tensor | null,
  size_average?: boolean | null,
  ignore_index?: number,
  reduce?: boolean | null,
  reductionArg?: Reduction,
  label_smoothing?: number,
): Tensor {
  const reduction = legacyReduction(size_average, reduce, reductionArg) as Reduction;
  const smoothing = label_smoothing ?? 0;
  // PyTorch checks only the upper bound; a negative value means no smoothing.
  if (smoothing > 1) throw new RuntimeError(`label_smoothing must be between 0.0 and 1.0. Got: ${smoothing}`);
  const classDim = input.dim() === 1 ? 0 : 1;
  if (sameShape(input.shape, target.shape)) {
    // Probability targets are smoothed towards the uniform distribution first.
    const nClasses = input.shape[classDim];
    const smoothed = smoothing > 0 ? target.mul(1 - smoothing).add(smoothing / nClasses) : target;
    return crossEntropyProbs(input, smoothed, classDim, weight ?? null, ignore_index ?? -100, reduction);
  }
  if (smoothing > 0) return crossEntropyLabelSmoothing(input, target, weight ?? null, ignore_index ?? -100, reduction, smoothing);
  return nll_loss(logSoftmaxOp(input, classDim, input.dtype), target, weight, null, ignore_index, null, reduction);
}

function crossEntropyProbs(input: Tensor, target: Tensor, classDim: number, weight: Tensor | null, ignoreIndex: number, reductionName: Reduction): Tensor {
  if (!isFloating(target.dtype)) throw new RuntimeError(`Expected floating point type for target with class probabilities, got ${SCALAR_NAMES[target.dtype]}`);
  if (ignoreIndex >= 0) throw new RuntimeError('ignore_index is not supported for floating point target');
  const reduction = reductionEnum(reductionName);
  const nClasses = input.shape[classDim];
  const logProbs = logSoftmaxOp(input, classDim, input.dtype);
  let weighted = mul(logProbs, target);
  if (weight) {
    const wShape = input.shape.map((_, i) => (i === classDim ? nClasses : 1));
    weighted = mul(weighted, input.dim() > 1 ? view(weight, undefined, wShape) : weight);
  }
  if (reduction === 0) return neg(sum(weighted, classDim));
  const total = neg(sum(weighted));
  return reduction === 2 ? total : divScalar(total, Math.trunc(input.numel() / nClasses));
}

/** C++'s `tensor / int64_t`: aten::div.Scalar, recorded as DivBackward1. */
function divScalar(self: Tensor, other: number): Tensor {
  const out = no_grad(() => self.div(other));
  return record('DivBackward1', [self], out, { other }, ([g]) => [g!.div(other)]);
}

// ---- cross entropy with label smoothing ------------------------------------------------------------------

/**
 * cross_entropy_loss_label_smoothing (class-index targets): (1 - ε) nll + ε / C · smooth, where
 * smooth is -Σ_c log p (weighted), zero at ignored targets, reduced as nll_loss reduces.
 */
function crossEntropyLabelSmoothing(input: Tensor, target: Tensor, weight: Tensor | null, ignoreIndex: number, reductionName: Reduction, labelSmoothing: number): Tensor {
  const classDim = input.dim() === 1 ? 0 : 1;
  const nClasses = input.shape[classDim];
  const logProbs = logSoftmaxOp(input, classDim, input.dtype);
  const nll = nll_loss(logProbs, target, weight, null, ignoreIndex, null, reductionName);
  const ignoreMask = target.eq(ignoreIndex);
  const weighted = weight ? logProbs.mul(weight.view(input.shape.map((n, i) => (i === classDim ? weight.shape[0] : 1)))) : logProbs;
  const smooth = weighted.sum(classDim).neg().masked_fill(ignoreMask, 0);
  let ret: Tensor;
  if (reductionName === 'mean') {
    const kept = ignoreMask.logical_not();
    const denominator = weight ? no_grad(() => weight.gather(0, target.index(kept).flatten()).sum()) : kept.sum();
    ret = smooth.sum().div(denominator);
  } else {
    ret = reductionName === 'sum' ? smooth.sum() : smooth;
  }
  return mulScalar(nll, 1 - labelSmoothing).add(mulScalar(ret, labelSmoothing / nClasses));
}

/** C++'s `tensor * double` (aten::mul.Scalar): recorded as MulBackward1, as cross_entropy's smoothing does. */
function mulScalar(self: Tensor, other: number): Tensor {
  const out = no_grad(() => self.mul(other));
  return record('MulBackward1', [self], out, { other }, ([g]) => [g!.mul(other)]);
}

// ---- the local rules of the Nodes above (derivatives.yaml, in words) --------------------------------

derivatives({
  MseLossBackward0: { inputs: ['self', 'target'], grads: ['grad · 2 · (self − target) (/ numel for mean)', '−grad · 2 · (self − target) (/ numel for mean)'] },
  NllLossBackward0: { inputs: ['self'], grads: ['−grad · weight[target] at each target’s class (/ total weight for mean), 0 elsewhere'] },
  NllLoss2DBackward0: { inputs: ['self'], grads: ['−grad · weight[target] at each target’s class (/ total weight for mean), 0 elsewhere'] },
  DivBackward1: { inputs: ['self'], grads: ['grad / other'] },
  MulBackward1: { inputs: ['self'], grads: ['grad · other'] },
});
