/**
 * `torch.nn`, with `torch.nn.functional` as `nn.functional` (a snippet's `F`). Imported as a
 * namespace (`import * as nn`), so `nn.Linear` names the class and its type alike. Every class is
 * callable with or without `new` and takes Python's arguments (engine/bind: `pyClass`); every
 * function binds its arguments by its Python signature.
 */
import type { Tensor, Device } from '../tensor';
import type { DType } from '../dtype';
import { bindFunction, pyClass } from '../bind/index';
import { Module as ModuleClass } from './module';
import { Parameter as ParameterClass } from './parameter';
import {
  CrossEntropyLoss as CrossEntropyLossClass,
  Flatten as FlattenClass,
  Identity as IdentityClass,
  ModuleDict as ModuleDictClass,
  ModuleList as ModuleListClass,
  ParameterList as ParameterListClass,
  Unflatten as UnflattenClass,
  Linear as LinearClass,
  MSELoss as MSELossClass,
  ReLU as ReLUClass,
  Sequential as SequentialClass,
  Sigmoid as SigmoidClass,
  Tanh as TanhClass,
} from './modules';
import * as F from './functional';
import * as L from './losses';
import {
  BCELoss as BCELossClass,
  BCEWithLogitsLoss as BCEWithLogitsLossClass,
  HuberLoss as HuberLossClass,
  KLDivLoss as KLDivLossClass,
  L1Loss as L1LossClass,
  NLLLoss as NLLLossClass,
  SmoothL1Loss as SmoothL1LossClass,
} from './loss_modules';

type Kw<T> = { [K in keyof T]?: T[K] };
type LinearKw = Kw<{ in_features: number; out_features: number; bias: boolean; device: Device | null; dtype: 'float32' | 'float64' | null }>;
type LossKw = Kw<{ size_average: boolean | null; reduce: boolean | null; reduction: F.Reduction }>;
type CrossEntropyKw = LossKw & Kw<{ weight: Tensor | null; ignore_index: number; label_smoothing: number }>;

export const Module = pyClass<typeof ModuleClass, []>(ModuleClass, 'nn.Module');
export type Module = ModuleClass;
export const Parameter = pyClass<typeof ParameterClass, [data?: Tensor | Kw<{ data: Tensor; requires_grad: boolean }>, requires_grad?: boolean | Kw<{ requires_grad: boolean }>]>(ParameterClass, 'nn.Parameter');
export type Parameter = ParameterClass;
export const Linear = pyClass<typeof LinearClass, [in_features: number | LinearKw, out_features?: number | LinearKw, bias?: boolean | LinearKw, kwargs?: LinearKw]>(LinearClass, 'nn.Linear');
export type Linear = LinearClass;
export const ReLU = pyClass<typeof ReLUClass, [inplace?: boolean | Kw<{ inplace: boolean }>]>(ReLUClass, 'nn.ReLU');
export type ReLU = ReLUClass;
export const Sigmoid = pyClass<typeof SigmoidClass, []>(SigmoidClass, 'nn.Sigmoid');
export type Sigmoid = SigmoidClass;
export const Tanh = pyClass<typeof TanhClass, []>(TanhClass, 'nn.Tanh');
export type Tanh = TanhClass;
export const Sequential = pyClass<typeof SequentialClass, ModuleClass[]>(SequentialClass, 'nn.Sequential');
export type Sequential = SequentialClass;
export const MSELoss = pyClass<typeof MSELossClass, [kwargs?: LossKw]>(MSELossClass, 'nn.MSELoss');
export type MSELoss = MSELossClass;
export const CrossEntropyLoss = pyClass<typeof CrossEntropyLossClass, [weight?: Tensor | null | CrossEntropyKw, kwargs?: CrossEntropyKw]>(CrossEntropyLossClass, 'nn.CrossEntropyLoss');
export type CrossEntropyLoss = CrossEntropyLossClass;

type WeightedKw = LossKw & Kw<{ weight: Tensor | null }>;
type NLLLossKw = WeightedKw & Kw<{ ignore_index: number }>;
type BCEWithLogitsKw = WeightedKw & Kw<{ pos_weight: Tensor | null }>;
type SmoothL1Kw = LossKw & Kw<{ beta: number }>;
type HuberKw = Kw<{ reduction: F.Reduction; delta: number }>;
type KLDivKw = Kw<{ size_average: boolean | null; reduce: boolean | null; reduction: F.Reduction | 'batchmean'; log_target: boolean }>;

export const NLLLoss = pyClass<typeof NLLLossClass, [weight?: Tensor | null | NLLLossKw, kwargs?: NLLLossKw]>(NLLLossClass, 'nn.NLLLoss');
export type NLLLoss = NLLLossClass;
export const BCELoss = pyClass<typeof BCELossClass, [weight?: Tensor | null | WeightedKw, kwargs?: WeightedKw]>(BCELossClass, 'nn.BCELoss');
export type BCELoss = BCELossClass;
export const BCEWithLogitsLoss = pyClass<typeof BCEWithLogitsLossClass, [weight?: Tensor | null | BCEWithLogitsKw, kwargs?: BCEWithLogitsKw]>(BCEWithLogitsLossClass, 'nn.BCEWithLogitsLoss');
export type BCEWithLogitsLoss = BCEWithLogitsLossClass;
export const L1Loss = pyClass<typeof L1LossClass, [kwargs?: LossKw]>(L1LossClass, 'nn.L1Loss');
export type L1Loss = L1LossClass;
export const SmoothL1Loss = pyClass<typeof SmoothL1LossClass, [kwargs?: SmoothL1Kw]>(SmoothL1LossClass, 'nn.SmoothL1Loss');
export type SmoothL1Loss = SmoothL1LossClass;
export const HuberLoss = pyClass<typeof HuberLossClass, [reduction?: F.Reduction | HuberKw, delta?: number | HuberKw, kwargs?: HuberKw]>(HuberLossClass, 'nn.HuberLoss');
export type HuberLoss = HuberLossClass;
export const KLDivLoss = pyClass<typeof KLDivLossClass, [kwargs?: KLDivKw]>(KLDivLossClass, 'nn.KLDivLoss');
export type KLDivLoss = KLDivLossClass;

export const Identity = pyClass<typeof IdentityClass, unknown[]>(IdentityClass, 'nn.Identity');
export type Identity = IdentityClass;
export const Flatten = pyClass<typeof FlattenClass, [start_dim?: number | Kw<{ start_dim: number; end_dim: number }>, end_dim?: number | Kw<{ end_dim: number }>]>(FlattenClass, 'nn.Flatten');
export type Flatten = FlattenClass;
export const Unflatten = pyClass<typeof UnflattenClass, [dim: number | Kw<{ dim: number; unflattened_size: number[] }>, unflattened_size?: number[] | Kw<{ unflattened_size: number[] }>]>(UnflattenClass, 'nn.Unflatten');
export type Unflatten = UnflattenClass;
export const ModuleList = pyClass<typeof ModuleListClass, [modules?: Iterable<ModuleClass> | null]>(ModuleListClass, 'nn.ModuleList');
export type ModuleList = ModuleListClass;
export const ModuleDict = pyClass<typeof ModuleDictClass, [modules?: Record<string, ModuleClass> | Iterable<[string, ModuleClass]> | null]>(ModuleDictClass, 'nn.ModuleDict');
export type ModuleDict = ModuleDictClass;
export const ParameterList = pyClass<typeof ParameterListClass, [values?: Iterable<Tensor> | null]>(ParameterListClass, 'nn.ParameterList');
export type ParameterList = ParameterListClass;

type SoftmaxKw = Kw<{ dim: number | null; _stacklevel: number; dtype: DType | null }>;
type MseKw = LossKw & Kw<{ weight: Tensor | null }>;
type NllKw = LossKw & Kw<{ weight: Tensor | null; ignore_index: number }>;
type BceKw = WeightedKw;
type BceLogitsKw = BCEWithLogitsKw;
type L1Kw = LossKw & Kw<{ weight: Tensor | null }>;
type HuberFnKw = HuberKw & Kw<{ weight: Tensor | null }>;

/** `torch.nn.functional`: Python's parameters, positionally or by name in one options object, last. */
export const functional = {
  relu: bindFunction('F.relu', F.relu) as (input: Tensor | Kw<{ input: Tensor; inplace: boolean }>, inplace?: boolean | Kw<{ inplace: boolean }>) => Tensor,
  sigmoid: bindFunction('F.sigmoid', F.sigmoid) as (input: Tensor | Kw<{ input: Tensor }>) => Tensor,
  tanh: bindFunction('F.tanh', F.tanh) as (input: Tensor | Kw<{ input: Tensor }>) => Tensor,
  softmax: bindFunction('F.softmax', F.softmax) as (input: Tensor | (SoftmaxKw & { input?: Tensor }), dim?: number | null | SoftmaxKw, kwargs?: SoftmaxKw) => Tensor,
  log_softmax: bindFunction('F.log_softmax', F.log_softmax) as (input: Tensor | (SoftmaxKw & { input?: Tensor }), dim?: number | null | SoftmaxKw, kwargs?: SoftmaxKw) => Tensor,
  linear: bindFunction('F.linear', F.linear) as (input: Tensor, weight: Tensor | Kw<{ weight: Tensor; bias: Tensor | null }>, bias?: Tensor | null | Kw<{ bias: Tensor | null }>) => Tensor,
  mse_loss: bindFunction('F.mse_loss', F.mse_loss) as (input: Tensor, target: Tensor | MseKw, kwargs?: MseKw) => Tensor,
  nll_loss: bindFunction('F.nll_loss', F.nll_loss) as (input: Tensor, target: Tensor | NllKw, weight?: Tensor | null | NllKw, kwargs?: NllKw) => Tensor,
  cross_entropy: bindFunction('F.cross_entropy', F.cross_entropy) as (input: Tensor, target: Tensor | CrossEntropyKw, weight?: Tensor | null | CrossEntropyKw, kwargs?: CrossEntropyKw) => Tensor,
  binary_cross_entropy: bindFunction('F.binary_cross_entropy', L.binary_cross_entropy) as (input: Tensor, target: Tensor | BceKw, weight?: Tensor | null | BceKw, kwargs?: BceKw) => Tensor,
  binary_cross_entropy_with_logits: bindFunction('F.binary_cross_entropy_with_logits', L.binary_cross_entropy_with_logits) as (input: Tensor, target: Tensor | BceLogitsKw, weight?: Tensor | null | BceLogitsKw, kwargs?: BceLogitsKw) => Tensor,
  l1_loss: bindFunction('F.l1_loss', L.l1_loss) as (input: Tensor, target: Tensor | L1Kw, kwargs?: L1Kw) => Tensor,
  smooth_l1_loss: bindFunction('F.smooth_l1_loss', L.smooth_l1_loss) as (input: Tensor, target: Tensor | SmoothL1Kw, kwargs?: SmoothL1Kw) => Tensor,
  huber_loss: bindFunction('F.huber_loss', L.huber_loss) as (input: Tensor, target: Tensor | HuberFnKw, reduction?: F.Reduction | HuberFnKw, delta?: number | HuberFnKw, kwargs?: HuberFnKw) => Tensor,
  kl_div: bindFunction('F.kl_div', L.kl_div) as (input: Tensor, target: Tensor | KLDivKw, kwargs?: KLDivKw) => Tensor,
};
