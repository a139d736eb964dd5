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
  Linear as LinearClass,
  MSELoss as MSELossClass,
  ReLU as ReLUClass,
  Sequential as SequentialClass,
  Sigmoid as SigmoidClass,
  Tanh as TanhClass,
} from './modules';
import * as F from './functional';

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

type SoftmaxKw = Kw<{ dim: number | null; _stacklevel: number; dtype: DType | null }>;
type MseKw = LossKw & Kw<{ weight: Tensor | null }>;
type NllKw = LossKw & Kw<{ weight: Tensor | null; ignore_index: number }>;

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
};
