/**
 * Gathers and scatter-adds on WebGPU: the kernels behind index_select, gather, advanced indexing,
 * repeat, flip, roll and their backward passes.
 *
 * A gather reads `out[c] = src[srcOffset + sum_d c_d * srcStrides[d] + idx[idxOffset + sum_d c_d *
 * idxStrides[d]] * mult]` for every output coordinate c: strided dims cost nothing, and the int
 * index tensor (read through its own strides, negative entries wrapped by `wrap`) adds the picked
 * positions. A list of storage offsets computed on the host is the special case with no strided
 * dims and mult 1.
 *
 * A scatter-add (the gradient of a gather) has no float atomics to lean on in WGSL, so it runs one
 * thread per element of the zero-initialised output: the thread loops over the L index entries
 * that could land on it and sums the gradient of those whose index equals its own coordinate, in
 * increasing order (deterministic, and the order the CPU kernel adds them in).
 */
import { numelOf, type Shape } from '../../shape';
import { Tensor } from '../../tensor';
import { emptyGpu } from './elementwise';
import { gpuScalarOf, isGpu, storageOf, uploadGpu } from './storage';
import { dispatch, GROUP_BUILTINS, GROUP_INDEX, metaBuffer } from './queue';
import type { IndexOperand, ScatterPlan } from '../backend';

const WG = 64;
const shaders = new Map<string, string>();

function i32Bits(v: number): number {
  return v >>> 0;
}

function gatherShader(type: 'f32' | 'i32' | 'u32'): string {
  const key = `gather|${type}`;
  let code = shaders.get(key);
  if (code) return code;
  code = `@group(0) @binding(0) var<storage, read> mt: array<u32>;
@group(0) @binding(1) var<storage, read_write> outb: array<${type}>;
@group(0) @binding(2) var<storage, read> src: array<${type}>;
@group(0) @binding(3) var<storage, read> idx: array<i32>;
@compute @workgroup_size(${WG})
fn main(${GROUP_BUILTINS}) {
  ${GROUP_INDEX}
  // mt: [n, nd, srcOffset, idxOffset, mult, wrap, shape[nd], srcStrides[nd] (i32), idxStrides[nd]]
  let i = group * ${WG}u + lid;
  if (i >= mt[0]) { return; }
  let nd = mt[1];
  var p = i32(mt[2]);
  var q = mt[3];
  var rem = i;
  for (var d = nd; d > 0u; d--) {
    let size = mt[5u + d];
    let c = rem % size;
    rem = rem / size;
    p += i32(c) * bitcast<i32>(mt[5u + nd + d]);
    q += c * mt[5u + 2u * nd + d];
  }
  let mult = bitcast<i32>(mt[4]);
  if (mult != 0) {
    var v = idx[q];
    if (v < 0) { v += i32(mt[5]); }
    p += v * mult;
  }
  outb[i] = src[u32(p)];
}
`;
  shaders.set(key, code);
  return code;
}

/** A fresh contiguous tensor of `shape` gathered from `src` (see the file comment). */
export function gpuGather(src: Tensor, shape: Shape, srcOffset: number, srcStrides: readonly number[], index: IndexOperand | null, mult = 1, wrap = 0): Tensor {
  const out = emptyGpu(shape, src.dtype);
  const n = numelOf(shape);
  if (n === 0) return out;
  const nd = shape.length;
  const meta = new Uint32Array(6 + 3 * nd);
  meta.set([n, nd, srcOffset, index ? index.offset : 0, i32Bits(index ? mult : 0), wrap]);
  meta.set(shape, 6);
  meta.set(srcStrides.map(i32Bits), 6 + nd);
  if (index) meta.set(index.strides, 6 + 2 * nd);
  const s = storageOf(out);
  s.written();
  // Without an index tensor, src's buffer fills the index binding (never read).
  const idxBuffer = storageOf(index ? index.t : src).buffer;
  dispatch(gatherShader(gpuScalarOf(src.dtype)), [metaBuffer(meta), s.buffer, storageOf(src).buffer, idxBuffer], Math.ceil(n / WG));
  return out;
}

/** The elements of `src` at the storage offsets `offsets` (computed on the host), as `shape`. */
export function gpuTake(src: Tensor, offsets: Int32Array, shape: Shape): Tensor {
  const t = offsetsTensor(offsets);
  return gpuGather(src, shape, 0, shape.map(() => 0), { t, offset: 0, strides: contiguous(shape) }, 1);
}

/** Host offsets as an int64 GPU tensor. */
export function offsetsTensor(offsets: ArrayLike<number>): Tensor {
  const values = Float64Array.from(offsets);
  return new Tensor(uploadGpu(values, 'int64'), [values.length], 'int64', { device: 'webgpu' });
}

function contiguous(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = s;
    s *= shape[d];
  }
  return strides;
}

function scatterShader(): string {
  const key = 'scatter';
  let code = shaders.get(key);
  if (code) return code;
  code = `@group(0) @binding(0) var<storage, read> mt: array<u32>;
@group(0) @binding(1) var<storage, read_write> outb: array<f32>;
@group(0) @binding(2) var<storage, read> g: array<f32>;
@group(0) @binding(3) var<storage, read> idx: array<i32>;
@compute @workgroup_size(${WG})
fn main(${GROUP_BUILTINS}) {
  ${GROUP_INDEX}
  // mt: [n, nd, L, gOffset, idxOffset, idxLoopStride, gLoopStride, wrap,
  //      shape[nd], keyStrides[nd], gStrides[nd], idxStrides[nd], limits[nd]]
  let i = group * ${WG}u + lid;
  if (i >= mt[0]) { return; }
  let nd = mt[1];
  var key = 0u;
  var gb = mt[3];
  var ab = mt[4];
  var inside = true;
  var rem = i;
  for (var d = nd; d > 0u; d--) {
    let size = mt[7u + d];
    let c = rem % size;
    rem = rem / size;
    key += c * mt[7u + nd + d];
    gb += c * mt[7u + 2u * nd + d];
    ab += c * mt[7u + 3u * nd + d];
    inside = inside && c < mt[7u + 4u * nd + d];
  }
  var acc = 0.0;
  if (inside) {
    let wrap = i32(mt[7]);
    for (var j = 0u; j < mt[2]; j++) {
      var v = idx[ab + j * mt[5]];
      if (v < 0) { v += wrap; }
      if (u32(v) == key) { acc += g[gb + j * mt[6]]; }
    }
  }
  outb[i] = acc;
}
`;
  shaders.set(key, code);
  return code;
}

/** zeros(shape) (float32) with the gradient `g` added where the plan's index entries point. */
export function gpuScatterAdd(g: Tensor, shape: Shape, plan: ScatterPlan): Tensor {
  const out = emptyGpu(shape, g.dtype);
  const n = numelOf(shape);
  if (n === 0) return out;
  const nd = shape.length;
  const meta = new Uint32Array(8 + 5 * nd);
  meta.set([n, nd, plan.length, plan.gOffset, plan.idxOffset, plan.idxLoopStride, plan.gLoopStride, plan.wrap ?? 0]);
  meta.set(shape, 8);
  meta.set(plan.keyStrides, 8 + nd);
  meta.set(plan.gStrides, 8 + 2 * nd);
  meta.set(plan.idxStrides, 8 + 3 * nd);
  meta.set(plan.limits ?? shape.map(() => 0xffffffff), 8 + 4 * nd);
  const s = storageOf(out);
  s.written();
  const index = isGpu(plan.index) ? plan.index : offsetsTensor(plan.index._values());
  dispatch(scatterShader(), [metaBuffer(meta), s.buffer, storageOf(g).buffer, storageOf(index).buffer], Math.ceil(n / WG));
  return out;
}
