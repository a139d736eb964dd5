/**
 * `torch.optim`, imported as a namespace (`import * as optim`): values and types alike. The
 * optimizers are callable with or without `new` and take Python's arguments (engine/bind: `pyClass`).
 */
import type { Tensor } from '../tensor';
import { pyClass } from '../bind/index';
import { Optimizer } from './optimizer';
import type { ParamsArg } from './optimizer';
import { SGD as SGDClass, type SGDOptions } from './sgd';
import { Adam as AdamClass, type AdamOptions } from './adam';

type Kw<T> = { [K in keyof T]?: T[K] };
type SGDKw = Kw<SGDOptions>;
type AdamKw = Kw<AdamOptions>;

export { Optimizer };
export const SGD = pyClass<typeof SGDClass, [params: ParamsArg<SGDOptions> | (SGDKw & { params?: ParamsArg<SGDOptions> }), lr?: number | SGDKw, momentum?: number | SGDKw, kwargs?: SGDKw]>(SGDClass, 'optim.SGD');
export type SGD = SGDClass;
export const Adam = pyClass<typeof AdamClass, [params: ParamsArg<AdamOptions> | (AdamKw & { params?: ParamsArg<AdamOptions> }), lr?: number | AdamKw, kwargs?: AdamKw]>(AdamClass, 'optim.Adam');
export type Adam = AdamClass;
export type { Tensor };
