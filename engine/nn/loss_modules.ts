/**
 * The loss modules over engine/nn/losses.ts: each keeps its options as PyTorch's does (`weight`
 * and `pos_weight` are buffers there, so they join `state_dict()`), and prints as `BCELoss()`.
 */
import type { Tensor } from '../tensor';
import { Module, pyName } from './module';
import * as F from './functional';
import * as L from './losses';

/** PyTorch's `_Loss`: the reduction, from `reduction` or the deprecated `size_average` / `reduce`. */
abstract class Loss extends Module {
  reduction: string;

  constructor(size_average?: boolean | null, reduce?: boolean | null, reduction = 'mean') {
    super();
    this.reduction = F.legacyReduction(size_average, reduce, reduction);
  }
}

/** PyTorch's `_WeightedLoss`: a `weight` buffer as well. */
abstract class WeightedLoss extends Loss {
  declare weight: Tensor | null;

  constructor(weight?: Tensor | null, size_average?: boolean | null, reduce?: boolean | null, reduction = 'mean') {
    super(size_average, reduce, reduction);
    this.register_buffer('weight', weight ?? null);
  }
}

export class NLLLoss extends WeightedLoss {
  ignore_index: number;

  constructor(weight?: Tensor | null, size_average?: boolean | null, ignore_index = -100, reduce?: boolean | null, reduction = 'mean') {
    super(weight, size_average, reduce, reduction);
    this.ignore_index = ignore_index;
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    return F.nll_loss(input, target, this.weight, null, this.ignore_index, null, this.reduction as F.Reduction);
  }
}

export class BCELoss extends WeightedLoss {
  override forward(input: Tensor, target: Tensor): Tensor {
    return L.binary_cross_entropy(input, target, this.weight, null, null, this.reduction as F.Reduction);
  }
}

export class BCEWithLogitsLoss extends Loss {
  declare weight: Tensor | null;
  declare pos_weight: Tensor | null;

  constructor(weight?: Tensor | null, size_average?: boolean | null, reduce?: boolean | null, reduction = 'mean', pos_weight?: Tensor | null) {
    super(size_average, reduce, reduction);
    this.register_buffer('weight', weight ?? null);
    this.register_buffer('pos_weight', pos_weight ?? null);
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    return L.binary_cross_entropy_with_logits(input, target, this.weight, null, null, this.reduction as F.Reduction, this.pos_weight);
  }
}

export class L1Loss extends Loss {
  override forward(input: Tensor, target: Tensor): Tensor {
    return L.l1_loss(input, target, null, null, this.reduction as F.Reduction);
  }
}

export class SmoothL1Loss extends Loss {
  beta: number;

  constructor(size_average?: boolean | null, reduce?: boolean | null, reduction = 'mean', beta = 1.0) {
    super(size_average, reduce, reduction);
    this.beta = beta;
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    return L.smooth_l1_loss(input, target, null, null, this.reduction as F.Reduction, this.beta);
  }
}

export class HuberLoss extends Loss {
  delta: number;

  constructor(reduction = 'mean', delta = 1.0) {
    super(null, null, reduction);
    this.delta = delta;
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    return L.huber_loss(input, target, this.reduction as F.Reduction, this.delta);
  }
}

export class KLDivLoss extends Loss {
  log_target: boolean;

  constructor(size_average?: boolean | null, reduce?: boolean | null, reduction = 'mean', log_target = false) {
    super(size_average, reduce, reduction);
    this.log_target = log_target;
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    return L.kl_div(input, target, null, null, this.reduction as F.Reduction | 'batchmean', this.log_target);
  }
}

pyName(NLLLoss, 'NLLLoss');
pyName(BCELoss, 'BCELoss');
pyName(BCEWithLogitsLoss, 'BCEWithLogitsLoss');
pyName(L1Loss, 'L1Loss');
pyName(SmoothL1Loss, 'SmoothL1Loss');
pyName(HuberLoss, 'HuberLoss');
pyName(KLDivLoss, 'KLDivLoss');
