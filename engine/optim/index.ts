/**
 * `torch.optim`, imported as a namespace (`import * as optim`): values and types alike. The
 * optimizers are callable with or without `new` and take Python's arguments (engine/bind: `pyClass`).
 */
import type { Tensor } from '../tensor';
import { pyClass } from '../bind/index';
import { Optimizer } from './optimizer';
import type { ParamsArg } from './optimizer';
import { SGD as SGDClass, type SGDOptions } from './sgd';
import { Adam as AdamClass, AdamW as AdamWClass, type AdamOptions } from './adam';
import { RMSprop as RMSpropClass, type RMSpropOptions } from './rmsprop';
import { Adagrad as AdagradClass, type AdagradOptions } from './adagrad';
import * as S from './lr_scheduler';

type Kw<T> = { [K in keyof T]?: T[K] };
type SGDKw = Kw<SGDOptions>;
type AdamKw = Kw<AdamOptions>;
type AdamWKw = Kw<Omit<AdamOptions, 'decoupled_weight_decay'>>;
type RMSpropKw = Kw<RMSpropOptions>;
type AdagradKw = Kw<AdagradOptions>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a scheduler takes any optimizer
type AnyOptimizer = Optimizer<any>;
type Lambda = (epoch: number) => number;

export { Optimizer };
export const SGD = pyClass<typeof SGDClass, [params: ParamsArg<SGDOptions> | (SGDKw & { params?: ParamsArg<SGDOptions> }), lr?: number | SGDKw, momentum?: number | SGDKw, kwargs?: SGDKw]>(SGDClass, 'optim.SGD');
export type SGD = SGDClass;
export const Adam = pyClass<typeof AdamClass, [params: ParamsArg<AdamOptions> | (AdamKw & { params?: ParamsArg<AdamOptions> }), lr?: number | AdamKw, kwargs?: AdamKw]>(AdamClass, 'optim.Adam');
export type Adam = AdamClass;
export type { Tensor };
export const AdamW = pyClass<typeof AdamWClass, [params: ParamsArg<AdamOptions> | (AdamWKw & { params?: ParamsArg<AdamOptions> }), lr?: number | AdamWKw, kwargs?: AdamWKw]>(AdamWClass, 'optim.AdamW');
export type AdamW = AdamWClass;
export const RMSprop = pyClass<typeof RMSpropClass, [params: ParamsArg<RMSpropOptions> | (RMSpropKw & { params?: ParamsArg<RMSpropOptions> }), lr?: number | RMSpropKw, kwargs?: RMSpropKw]>(RMSpropClass, 'optim.RMSprop');
export type RMSprop = RMSpropClass;
export const Adagrad = pyClass<typeof AdagradClass, [params: ParamsArg<AdagradOptions> | (AdagradKw & { params?: ParamsArg<AdagradOptions> }), lr?: number | AdagradKw, kwargs?: AdagradKw]>(AdagradClass, 'optim.Adagrad');
export type Adagrad = AdagradClass;
export type { OptimizerStateDict } from './optimizer';

/** `torch.optim.lr_scheduler`: each scheduler callable with or without `new`, Python's arguments. */
export const lr_scheduler = {
  LRScheduler: S.LRScheduler,
  LambdaLR: pyClass<typeof S.LambdaLR, [optimizer: AnyOptimizer, lr_lambda: Lambda | Lambda[] | Kw<{ lr_lambda: Lambda | Lambda[]; last_epoch: number }>, kwargs?: Kw<{ last_epoch: number }>]>(S.LambdaLR, 'lr_scheduler.LambdaLR'),
  StepLR: pyClass<typeof S.StepLR, [optimizer: AnyOptimizer, step_size: number | Kw<{ step_size: number; gamma: number; last_epoch: number }>, gamma?: number | Kw<{ gamma: number; last_epoch: number }>, kwargs?: Kw<{ last_epoch: number }>]>(S.StepLR, 'lr_scheduler.StepLR'),
  MultiStepLR: pyClass<typeof S.MultiStepLR, [optimizer: AnyOptimizer, milestones: number[] | Kw<{ milestones: number[]; gamma: number; last_epoch: number }>, gamma?: number | Kw<{ gamma: number; last_epoch: number }>, kwargs?: Kw<{ last_epoch: number }>]>(S.MultiStepLR, 'lr_scheduler.MultiStepLR'),
  ExponentialLR: pyClass<typeof S.ExponentialLR, [optimizer: AnyOptimizer, gamma: number | Kw<{ gamma: number; last_epoch: number }>, kwargs?: Kw<{ last_epoch: number }>]>(S.ExponentialLR, 'lr_scheduler.ExponentialLR'),
  CosineAnnealingLR: pyClass<typeof S.CosineAnnealingLR, [optimizer: AnyOptimizer, T_max: number | Kw<{ T_max: number; eta_min: number; last_epoch: number }>, eta_min?: number | Kw<{ eta_min: number; last_epoch: number }>, kwargs?: Kw<{ last_epoch: number }>]>(S.CosineAnnealingLR, 'lr_scheduler.CosineAnnealingLR'),
  ReduceLROnPlateau: pyClass<
    typeof S.ReduceLROnPlateau,
    [optimizer: AnyOptimizer, kwargs?: Kw<{ mode: 'min' | 'max'; factor: number; patience: number; threshold: number; threshold_mode: 'rel' | 'abs'; cooldown: number; min_lr: number | number[]; eps: number }>]
  >(S.ReduceLROnPlateau, 'lr_scheduler.ReduceLROnPlateau'),
};
