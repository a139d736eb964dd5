/**
 * The public typings of the `torch.*` functions (what the editor's IntelliSense shows): Python's
 * parameters positionally, and any parameter by name in one options object, last. Those that
 * mirror a Tensor method take that method's parameters after `input`.
 */
import type { Tensor, Device } from './tensor';
import type { DType } from './dtype';
import type { NestedData } from './ops/creation';
import type { IndexSpec, Slice } from './ops/index_ops';
import type { MinMaxResult } from './ops/reduce';

type Kw<T> = { [K in keyof T]?: T[K] };
type FactoryKw = Kw<{ dtype: DType | null; device: Device | null; requires_grad: boolean; layout: null; pin_memory: boolean }>;
type Size = number | readonly number[];
type SizeArgs = (Size | FactoryKw)[];
type Scalar = number | boolean | Tensor;

/** `torch.f(input, ...)` for a Tensor method `input.f(...)`. */
type Mirror<K extends keyof Tensor> = Tensor[K] extends (...args: infer A) => infer R ? (input: Tensor, ...args: A) => R : never;

/** Methods whose torch function has the same parameters after `input`. */
type Mirrored =
  | 'rsub' | 'maximum' | 'minimum' | 'gt' | 'ge' | 'lt' | 'le' | 'eq' | 'ne'
  | 'logical_and' | 'logical_or' | 'logical_not' | 'isnan' | 'equal' | 'allclose' | 'clamp' | 'clamp_' | 'exp' | 'log'
  | 'sqrt' | 'abs' | 'sin' | 'cos' | 'tan' | 'tanh' | 'sigmoid' | 'reciprocal' | 'log2' | 'log1p' | 'expm1' | 'rsqrt'
  | 'sign' | 'square' | 'neg' | 'relu' | 'relu_' | 'add_' | 'sub_' | 'mul_' | 'div_' | 'pow_' | 'fill_' | 'zero_' | 'copy_'
  | 'sum' | 'mean' | 'prod' | 'var' | 'std' | 'amax' | 'amin' | 'argmax' | 'argmin' | 'all' | 'any' | 'logsumexp'
  | 'cumsum' | 'sum_to_size' | 'softmax' | 'log_softmax' | 'reshape' | 'view' | 'expand' | 'expand_as' | 'transpose'
  | 't' | 'permute' | 'squeeze' | 'unsqueeze' | 'flatten' | 'unflatten' | 'clone' | 'contiguous' | 'to' | 'cpu'
  | 'cpu_async' | 'swapaxes' | 'swapdims' | 'view_as' | 'reshape_as' | 'movedim' | 'moveaxis' | 'narrow' | 'select'
  | 'split' | 'split_with_sizes' | 'chunk' | 'unbind' | 'index_select' | 'gather' | 'index' | 'masked_fill' | 'repeat'
  | 'flip' | 'roll' | 'tril' | 'triu' | 'matmul' | 'mm' | 'bmm' | 'dot' | 'mv' | 'addmm' | 'outer' | 'ger';

type ExtremeKw = Kw<{ dim: number; keepdim: boolean }>;
type NormKw = Kw<{ p: number | 'fro' | null; dim: number | readonly number[] | null; keepdim: boolean; out: Tensor | null; dtype: DType | null }>;

/** The arithmetic ops also take a Python number first (`torch.mul(2, x)`). */
type MirrorNumber<K extends keyof Tensor> = Tensor[K] extends (...args: infer A) => infer R ? (input: Tensor | number | boolean, ...args: A) => R : never;
type Arithmetic = 'add' | 'sub' | 'mul' | 'div';

export type TorchFunctions = { [K in Mirrored]: Mirror<K> } & { [K in Arithmetic]: MirrorNumber<K> } & {
  tensor(data: NestedData | Tensor, kwargs?: FactoryKw): Tensor;
  zeros(...size: SizeArgs): Tensor;
  ones(...size: SizeArgs): Tensor;
  empty(...size: SizeArgs): Tensor;
  full(size: Size | (FactoryKw & { size?: Size; fill_value?: Scalar }), fill_value?: Scalar | FactoryKw, kwargs?: FactoryKw): Tensor;
  eye(n: number | (FactoryKw & { n?: number; m?: number }), m?: number | FactoryKw, kwargs?: FactoryKw): Tensor;
  arange(start: number | Tensor | (FactoryKw & { start?: number; end?: number; step?: number }), end?: number | Tensor | FactoryKw, step?: number | Tensor | FactoryKw, kwargs?: FactoryKw): Tensor;
  linspace(start: number | Tensor, end: number | Tensor | (FactoryKw & { end?: number; steps?: number }), steps?: number | FactoryKw, kwargs?: FactoryKw): Tensor;
  rand(...size: SizeArgs): Tensor;
  randn(...size: SizeArgs): Tensor;
  randint(low: number | (FactoryKw & { low?: number; high?: number; size?: Size }), high?: number | Size | FactoryKw, size?: Size | FactoryKw, kwargs?: FactoryKw): Tensor;
  randperm(n: number | (FactoryKw & { n?: number }), kwargs?: FactoryKw): Tensor;
  zeros_like(input: Tensor, kwargs?: FactoryKw): Tensor;
  ones_like(input: Tensor, kwargs?: FactoryKw): Tensor;
  empty_like(input: Tensor, kwargs?: FactoryKw): Tensor;
  rand_like(input: Tensor, kwargs?: FactoryKw): Tensor;
  randn_like(input: Tensor, kwargs?: FactoryKw): Tensor;
  full_like(input: Tensor, fill_value: Scalar | (FactoryKw & { fill_value?: Scalar }), kwargs?: FactoryKw): Tensor;
  from_array(data: Float32Array | Float64Array | Int32Array | Uint8Array | readonly number[], shape?: readonly number[] | null | FactoryKw, kwargs?: FactoryKw): Tensor;
  from_numpy(data: Float32Array | Float64Array | Int32Array | Uint8Array | readonly number[], shape?: readonly number[] | null | FactoryKw, kwargs?: FactoryKw): Tensor;
  set_default_device(device: Device | { device?: Device }): void;
  get_default_device(): Device;
  manual_seed(seed: number | { seed?: number }): void;
  initial_seed(): number;
  is_tensor(obj: unknown): obj is Tensor;
  /** `with torch.no_grad(): ...` is `torch.no_grad(() => { ... })`; returns the callback's value. */
  no_grad<T>(func: () => T): T;
  enable_grad<T>(func: () => T): T;
  set_grad_enabled(mode: boolean | { mode?: boolean }): void;
  is_grad_enabled(): boolean;
  /** Python's `print` as the snippet sees it: returns the line (the runner decides where it goes). */
  format(...args: unknown[]): string;
  pow(input: Tensor | Scalar, exponent: Tensor | Scalar | { exponent?: Tensor | Scalar }): Tensor;
  where(condition: Tensor, input: Tensor | Scalar | { input?: Tensor | Scalar; other?: Tensor | Scalar }, other?: Tensor | Scalar | { other?: Tensor | Scalar }): Tensor;
  max(input: Tensor): Tensor;
  max(input: Tensor, other: Tensor | { other: Tensor }): Tensor;
  max(input: Tensor, dim: number | (ExtremeKw & { dim: number }), keepdim?: boolean | ExtremeKw, kwargs?: ExtremeKw): MinMaxResult;
  min(input: Tensor): Tensor;
  min(input: Tensor, other: Tensor | { other: Tensor }): Tensor;
  min(input: Tensor, dim: number | (ExtremeKw & { dim: number }), keepdim?: boolean | ExtremeKw, kwargs?: ExtremeKw): MinMaxResult;
  norm(input: Tensor, p?: number | 'fro' | null | NormKw, dim?: number | readonly number[] | null | NormKw, keepdim?: boolean | NormKw, kwargs?: NormKw): Tensor;
  cat(tensors: readonly Tensor[], dim?: number | { dim?: number; out?: Tensor }, kwargs?: { out?: Tensor }): Tensor;
  stack(tensors: readonly Tensor[], dim?: number | { dim?: number; out?: Tensor }, kwargs?: { out?: Tensor }): Tensor;
  /** Python's `start:end:step` inside `x[...]` (for `x.index(...)`). */
  slice(start?: number | null, stop?: number | null, step?: number | null): Slice;
};

export type { IndexSpec };
