/**
 * The losses of `torch.nn.functional` beyond mse/nll/cross_entropy, written with the engine's ops.
 * Where PyTorch 2.x has a dedicated backward (BinaryCrossEntropyBackward0, SmoothL1LossBackward0,
 * ...), the forward runs under no_grad and one Node of that name carries PyTorch's derivative
 * formula (itself made of ops, so double backward works); where 2.x composes ops (l1_loss, kl_div,
 * label smoothing), so do we, and the graph has the same nodes.
 */
import type { Tensor } from '../tensor';
import { record } from '../autograd/function';
import { derivatives } from '../autograd/derivatives';
import { no_grad } from '../autograd/grad_mode';
import { broadcastShapes, sameShape } from '../shape';
import { where } from '../ops/elementwise';
import { RuntimeError, ValueError } from '../errors';
import { legacyReduction, reductionEnum, type Reduction } from './functional';

type LossReduction = Reduction | 'batchmean';

/** `torch.Size([2, 4])`, as the Python messages print a size. */
function sizeRepr(t: Tensor): string {
  return `torch.Size([${t.shape.join(', ')}])`;
}

/** apply_loss_reduction: 0 none, 1 mean, 2 sum. */
function reduce(loss: Tensor, reduction: 0 | 1 | 2): Tensor {
  return reduction === 0 ? loss : reduction === 1 ? loss.mean() : loss.sum();
}

/** The gradient of a reduced loss spread back over its elements (mean divides by the count). */
function spread(g: Tensor, perElement: Tensor, reduction: 0 | 1 | 2, numel: number): Tensor {
  const grad = perElement.mul(g);
  return reduction === 1 ? grad.div(numel) : grad;
}

/** torch.broadcast_tensors for a (input, target) pair: only the one whose shape differs is expanded. */
function broadcastPair(input: Tensor, target: Tensor): [Tensor, Tensor] {
  const shape = broadcastShapes(input.shape, target.shape);
  return [sameShape(input.shape, shape) ? input : input.expand(shape), sameShape(target.shape, shape) ? target : target.expand(shape)];
}

// ---- binary cross entropy ----------------------------------------------------------------------------

export function binary_cross_entropy(input: Tensor, target: Tensor, weightArg?: Tensor | null, size_average?: boolean | null, reduce_?: boolean | null, reductionArg?: Reduction): Tensor {
  const reduction = reductionEnum(legacyReduction(size_average, reduce_, reductionArg));
  if (!sameShape(target.shape, input.shape)) {
    throw new ValueError(`Using a target size (${sizeRepr(target)}) that is different to the input size (${sizeRepr(input)}) is deprecated. Please ensure they have the same size.`);
  }
  const weight = weightArg ? weightArg.expand(broadcastShapes(target.shape, weightArg.shape)) : null;
  const out = no_grad(() => {
    const outside = input.lt(0).logical_or(input.gt(1)).any();
    // On the GPU the range is not checked (CUDA asserts on the device).
    if (input.device === 'cpu' && outside.item()) throw new RuntimeError('all elements of input should be between 0 and 1');
    // (t - 1) * max(log1p(-x), -100) - t * max(log(x), -100): PyTorch's CPU kernel, log clamped so that 0 and 1 give finite losses.
    let loss = target.sub(1).mul(input.neg().log1p().clamp(-100)).sub(target.mul(input.log().clamp(-100)));
    if (weight) loss = loss.mul(weight);
    return reduce(loss, reduction);
  });
  const numel = input.numel();
  return record('BinaryCrossEntropyBackward0', [input, target], out, { reduction, self: input, target, weight }, ([g], s, needs) => {
    const x = s.self as Tensor;
    const t = s.target as Tensor;
    const w = s.weight as Tensor | null;
    const weighted = (d: Tensor) => (w ? d.mul(w) : d);
    // binary_cross_entropy_backward: (x - t) / max((1 - x) x, 1e-12).
    const dInput = needs[0] ? spread(g!, weighted(x.sub(t).div(x.neg().add(1).mul(x).clamp(1e-12))), reduction, numel) : null;
    // binary_cross_entropy_target_backward: -logit(x).
    const dTarget = needs[1] ? spread(g!, weighted(x.neg().add(1).log().sub(x.log())), reduction, numel) : null;
    return [dInput, dTarget];
  });
}

/** log(sigmoid(x)), stably: min(x, 0) - log1p(exp(-|x|)). */
function logSigmoid(x: Tensor): Tensor {
  return x.clamp(null, 0).sub(x.abs().neg().exp().log1p());
}

export function binary_cross_entropy_with_logits(
  input: Tensor,
  target: Tensor,
  weightArg?: Tensor | null,
  size_average?: boolean | null,
  reduce_?: boolean | null,
  reductionArg?: Reduction,
  pos_weightArg?: Tensor | null,
): Tensor {
  const reduction = reductionEnum(legacyReduction(size_average, reduce_, reductionArg));
  if (!sameShape(target.shape, input.shape)) throw new ValueError(`Target size (${sizeRepr(target)}) must be the same as input size (${sizeRepr(input)})`);
  const weight = weightArg ?? null;
  const pos_weight = pos_weightArg ?? null;
  const out = no_grad(() => {
    let logSig = logSigmoid(input);
    // (1 - t) x - ((pos_weight - 1) t + 1) log σ(x)
    if (pos_weight) logSig = logSig.mul(pos_weight.sub(1).mul(target).add(1));
    let loss = target.neg().add(1).mul(input).sub(logSig);
    if (weight) loss = loss.mul(weight);
    return reduce(loss, reduction);
  });
  const numel = input.numel();
  const saved = { pos_weight, reduction, self: input, target, weight };
  return record('BinaryCrossEntropyWithLogitsBackward0', [input, target], out, saved, ([g], s, needs) => {
    const x = s.self as Tensor;
    const t = s.target as Tensor;
    const w = s.weight as Tensor | null;
    const pw = s.pos_weight as Tensor | null;
    const weighted = (d: Tensor) => (w ? d.mul(w) : d);
    let dInput: Tensor | null = null;
    if (needs[0]) {
      let d: Tensor;
      if (pw) {
        const pt = pw.mul(t);
        d = pt.add(1).sub(t).mul(x.sigmoid()).sub(pt);
      } else {
        d = x.sigmoid().sub(t);
      }
      dInput = spread(g!, weighted(d), reduction, numel);
    }
    let dTarget: Tensor | null = null;
    if (needs[1]) {
      const d = pw ? logSigmoid(x.neg()).sub(logSigmoid(x).mul(pw)) : x.neg();
      dTarget = spread(g!, weighted(d), reduction, numel);
    }
    return [dInput, dTarget];
  });
}

// ---- l1, smooth l1, huber ------------------------------------------------------------------------------

/** 2.x's l1_loss is composite: (input - target).abs(), reduced (SubBackward0, AbsBackward0, MeanBackward0). */
export function l1_loss(input: Tensor, target: Tensor, size_average?: boolean | null, reduce_?: boolean | null, reductionArg?: Reduction, weight?: Tensor | null): Tensor {
  const reductionName = legacyReduction(size_average, reduce_, reductionArg);
  const [x, y] = broadcastPair(input, target);
  if (weight !== undefined && weight !== null) {
    if (!sameShape(weight.shape, input.shape)) throw new ValueError('Weights and input must have the same size.');
    const weighted = x.sub(y).abs().mul(weight);
    if (reductionName === 'none') return weighted;
    if (reductionName === 'sum') return weighted.sum();
    if (reductionName === 'mean') return weighted.sum().div(weight.sum());
    throw new ValueError(`Invalid reduction mode: ${reductionName}. Expected one of 'none', 'mean', 'sum'.`);
  }
  return reduce(x.sub(y).abs(), reductionEnum(reductionName));
}

/** A pointwise loss with a dedicated Node: forward `f(z)` of z = input - target, derivative `df(z)`. */
function pointwiseLoss(name: string, input: Tensor, target: Tensor, reduction: 0 | 1 | 2, extra: Record<string, number>, f: (z: Tensor) => Tensor, df: (z: Tensor) => Tensor): Tensor {
  const out = no_grad(() => reduce(f(input.sub(target)), reduction));
  const numel = input.numel();
  return record(name, [input, target], out, { ...extra, reduction, self: input, target }, ([g], s, needs) => {
    const d = spread(g!, df((s.self as Tensor).sub(s.target as Tensor)), reduction, numel);
    return [needs[0] ? d : null, needs[1] ? d.neg() : null];
  });
}

export function smooth_l1_loss(input: Tensor, target: Tensor, size_average?: boolean | null, reduce_?: boolean | null, reductionArg?: Reduction, beta = 1.0): Tensor {
  const reductionName = legacyReduction(size_average, reduce_, reductionArg);
  const [x, y] = broadcastPair(input, target);
  if (beta === 0) return l1_loss(x, y, null, null, reductionName as Reduction);
  if (beta < 0) throw new RuntimeError('smooth_l1_loss does not support negative values for beta.');
  return pointwiseLoss(
    'SmoothL1LossBackward0',
    x,
    y,
    reductionEnum(reductionName),
    { beta },
    (z) => where(z.abs().lt(beta), z.pow(2).mul(0.5 / beta), z.abs().sub(0.5 * beta)),
    (z) => where(z.abs().lt(beta), z.div(beta), z.sign()),
  );
}

export function huber_loss(input: Tensor, target: Tensor, reductionArg: Reduction = 'mean', delta = 1.0, weight?: Tensor | null): Tensor {
  const [x, y] = broadcastPair(input, target);
  const huber = (red: 0 | 1 | 2) => {
    if (delta <= 0) throw new RuntimeError('huber_loss does not support non-positive values for delta.');
    return pointwiseLoss(
      'HuberLossBackward0',
      x,
      y,
      red,
      { delta },
      (z) => where(z.abs().lt(delta), z.pow(2).mul(0.5), z.abs().sub(0.5 * delta).mul(delta)),
      (z) => z.clamp(-delta, delta),
    );
  };
  if (weight === undefined || weight === null) return huber(reductionEnum(reductionArg));
  if (!sameShape(weight.shape, input.shape)) throw new ValueError('Weights and input must have the same size.');
  const weighted = huber(0).mul(weight);
  if (reductionArg === 'none') return weighted;
  if (reductionArg === 'sum') return weighted.sum();
  if (reductionArg === 'mean') return weighted.mean();
  throw new ValueError(`Invalid reduction mode: ${reductionArg}. Expected one of 'none', 'mean', 'sum'.`);
}

// ---- kl_div ----------------------------------------------------------------------------------------------

/** 2.x's kl_div is composite: `xlogy(t, t) - t * input`, or `exp(t) * (t - input)` for a log target. */
export function kl_div(input: Tensor, target: Tensor, size_average?: boolean | null, reduce_?: boolean | null, reductionArg: LossReduction = 'mean', log_target = false): Tensor {
  const legacy = (size_average ?? null) !== null || (reduce_ ?? null) !== null;
  const reductionName = legacy ? legacyReduction(size_average, reduce_, undefined) : reductionArg;
  const reduction = reductionEnum(reductionName === 'batchmean' ? 'sum' : reductionName);
  let pointwise: Tensor;
  if (log_target) {
    pointwise = target.exp().mul(target.sub(input));
  } else {
    // xlogy(t, t): 0 where t is 0. A target that needs no gradient contributes a constant.
    const xlogy = (t: Tensor) => where(t.eq(0), 0, t.mul(t.log()));
    const entropy = target.requires_grad ? xlogy(target) : no_grad(() => xlogy(target));
    pointwise = entropy.sub(target.mul(input));
  }
  const reduced = reduce(pointwise, reduction);
  return reductionName === 'batchmean' && input.dim() !== 0 ? reduced.div(input.shape[0]) : reduced;
}

// ---- the local rules of the Nodes above (derivatives.yaml, in words) --------------------------------

derivatives({
  BinaryCrossEntropyBackward0: {
    inputs: ['self', 'target'],
    grads: ['grad · weight · (self − target) / ((1 − self) · self) (/ numel for mean)', 'grad · weight · (log(1 − self) − log(self)) (/ numel for mean)'],
  },
  BinaryCrossEntropyWithLogitsBackward0: {
    inputs: ['self', 'target'],
    grads: [
      'grad · weight · (σ(self) − target) (with pos_weight p: ((p·target + 1 − target) · σ(self) − p·target)) (/ numel for mean)',
      'grad · weight · −self (with pos_weight p: log σ(−self) − p · log σ(self)) (/ numel for mean)',
    ],
  },
  SmoothL1LossBackward0: { inputs: ['self', 'target'], grads: ['grad · (z / beta where |z| < beta, else sign(z)), z = self − target (/ numel for mean)', '−(the same)'] },
  HuberLossBackward0: { inputs: ['self', 'target'], grads: ['grad · clamp(self − target, −delta, delta) (/ numel for mean)', '−(the same)'] },
});
