/**
 * `torch.utils`: `torch.utils.data` (Dataset, TensorDataset, Subset, DataLoader, random_split),
 * each callable with or without `new` and taking Python's arguments.
 */
import type { Tensor } from '../tensor';
import { bindFunction, pyClass } from '../bind/index';
import * as D from './data';

type Kw<T> = { [K in keyof T]?: T[K] };
type LoaderKw = Kw<{
  batch_size: number | null;
  shuffle: boolean | null;
  num_workers: number;
  collate_fn: ((batch: unknown[]) => unknown) | null;
  pin_memory: boolean;
  drop_last: boolean;
  generator: D.TorchGenerator | null;
}>;

export const Generator = pyClass<typeof D.TorchGenerator, [device?: string | Kw<{ device: string }>]>(D.TorchGenerator, 'data.Generator');
export type Generator = D.TorchGenerator;

export const data = {
  Dataset: D.Dataset,
  TensorDataset: pyClass<typeof D.TensorDataset, Tensor[]>(D.TensorDataset, 'data.TensorDataset'),
  Subset: pyClass<typeof D.Subset, [dataset: D.DatasetLike, indices: number[]]>(D.Subset, 'data.Subset'),
  DataLoader: pyClass<typeof D.DataLoader, [dataset: D.DatasetLike, batch_size?: number | null | LoaderKw, shuffle?: boolean | null | LoaderKw, kwargs?: LoaderKw]>(D.DataLoader, 'data.DataLoader'),
  random_split: bindFunction('data.random_split', D.random_split) as <T>(dataset: D.DatasetLike<T>, lengths: number[] | Kw<{ lengths: number[]; generator: D.TorchGenerator | null }>, generator?: D.TorchGenerator | null | Kw<{ generator: D.TorchGenerator | null }>) => D.Subset<T>[],
  default_collate: D.default_collate,
  _base_seed: D._base_seed,
  _shuffled: D._shuffled,
};

export const utils = { data };
export type { Dataset, DataLoader, TensorDataset, Subset } from './data';
