/**
 * CPU kernels over strided TypedArray storage. Elementwise maps take the scalar function of the op,
 * broadcast their inputs, and write a fresh contiguous output; fast paths cover the common
 * contiguous and scalar cases.
 */
import { allocStorage, type DType, type StorageArray } from '../../dtype';
import { Tensor } from '../../tensor';
import { contiguousStrides, numelOf, sameShape, type Shape } from '../../shape';

/** Strides of `t` seen through broadcasting to `shape` (0 on broadcast dims). */
export function broadcastStrides(t: Tensor, shape: Shape): number[] {
  const nd = shape.length;
  const off = nd - t.shape.length;
  const out = new Array<number>(nd).fill(0);
  for (let i = 0; i < t.shape.length; i++) out[i + off] = t.shape[i] === 1 ? 0 : t._strides[i];
  return out;
}

function isDense(t: Tensor, d: StorageArray): boolean {
  return t._offset === 0 && d.length === t.numel() && t.is_contiguous();
}

export function unaryMap(x: Tensor, outDtype: DType, f: (v: number) => number): Tensor {
  const n = x.numel();
  const out = allocStorage(outDtype, n);
  const d = x._array();
  if (isDense(x, d)) {
    for (let i = 0; i < n; i++) out[i] = f(d[i]);
  } else {
    const v = x._values();
    for (let i = 0; i < n; i++) out[i] = f(v[i]);
  }
  return new Tensor(out, x.shape, outDtype);
}

/**
 * Walks an N-d index space with one running offset per operand, calling `body` for each
 * contiguous run of the last dimension (the hot loop stays inside `body`).
 */
export function forEachRow(shape: Shape, strides: number[][], offsets: number[], body: (offs: number[], len: number, innerStrides: number[]) => void): void {
  const nd = shape.length;
  const nops = strides.length;
  if (numelOf(shape) === 0) return;
  if (nd === 0) {
    body(offsets.slice(), 1, strides.map(() => 0));
    return;
  }
  const inner = shape[nd - 1];
  const innerStrides = strides.map((s) => s[nd - 1]);
  const idx = new Array<number>(nd).fill(0);
  const offs = offsets.slice();
  for (;;) {
    body(offs, inner, innerStrides);
    let d = nd - 2;
    for (; d >= 0; d--) {
      idx[d]++;
      for (let k = 0; k < nops; k++) offs[k] += strides[k][d];
      if (idx[d] < shape[d]) break;
      for (let k = 0; k < nops; k++) offs[k] -= strides[k][d] * shape[d];
      idx[d] = 0;
    }
    if (d < 0) return;
  }
}

export function binaryMap(a: Tensor, b: Tensor, shape: Shape, outDtype: DType, f: (x: number, y: number) => number): Tensor {
  const n = numelOf(shape);
  const out = allocStorage(outDtype, n);
  const ad = a._array();
  const bd = b._array();
  if (n === 1) {
    // One value each (scalars, the scalar chains of micrograd-style graphs): no layout to walk.
    out[0] = f(ad[a._offset], bd[b._offset]);
    return new Tensor(out, shape, outDtype);
  }
  const aSame = sameShape(a.shape, shape);
  const bSame = sameShape(b.shape, shape);
  if (aSame && bSame && isDense(a, ad) && isDense(b, bd)) {
    for (let i = 0; i < n; i++) out[i] = f(ad[i], bd[i]);
  } else if (aSame && isDense(a, ad) && b.numel() === 1) {
    const y = bd[b._offset];
    for (let i = 0; i < n; i++) out[i] = f(ad[i], y);
  } else if (bSame && isDense(b, bd) && a.numel() === 1) {
    const x = ad[a._offset];
    for (let i = 0; i < n; i++) out[i] = f(x, bd[i]);
  } else {
    let o = 0;
    forEachRow(shape, [broadcastStrides(a, shape), broadcastStrides(b, shape)], [a._offset, b._offset], (offs, len, st) => {
      for (let i = 0, pa = offs[0], pb = offs[1]; i < len; i++, pa += st[0], pb += st[1]) out[o++] = f(ad[pa], bd[pb]);
    });
  }
  return new Tensor(out, shape, outDtype);
}

export function ternaryMap(a: Tensor, b: Tensor, c: Tensor, shape: Shape, outDtype: DType, f: (x: number, y: number, z: number) => number): Tensor {
  const out = allocStorage(outDtype, numelOf(shape));
  const ad = a._array();
  const bd = b._array();
  const cd = c._array();
  let o = 0;
  forEachRow(shape, [broadcastStrides(a, shape), broadcastStrides(b, shape), broadcastStrides(c, shape)], [a._offset, b._offset, c._offset], (offs, len, st) => {
    for (let i = 0, pa = offs[0], pb = offs[1], pc = offs[2]; i < len; i++, pa += st[0], pb += st[1], pc += st[2]) out[o++] = f(ad[pa], bd[pb], cd[pc]);
  });
  return new Tensor(out, shape, outDtype);
}

/** Writes `f(dst, src)` into the strided view `dst` (src broadcast to dst's shape): in-place ops. */
export function writeInto(dst: Tensor, src: Tensor, f: (x: number, y: number) => number): void {
  const dd = dst._array();
  const sd = src._array();
  const shape = dst.shape;
  if (isDense(dst, dd) && isDense(src, sd) && src.numel() === dst.numel()) {
    for (let i = 0; i < dd.length; i++) dd[i] = f(dd[i], sd[i]);
    return;
  }
  forEachRow(shape, [dst._strides.slice(), broadcastStrides(src, shape)], [dst._offset, src._offset], (offs, len, st) => {
    for (let i = 0, pd = offs[0], ps = offs[1]; i < len; i++, pd += st[0], ps += st[1]) dd[pd] = f(dd[pd], sd[ps]);
  });
}

/** A contiguous copy of `t` converted to `dtype`. */
export function castCopy(t: Tensor, dtype: DType): Tensor {
  const src = t._values();
  const out = allocStorage(dtype, src.length);
  if (dtype === 'int64') for (let i = 0; i < src.length; i++) out[i] = Math.trunc(src[i]);
  else if (dtype === 'bool') for (let i = 0; i < src.length; i++) out[i] = src[i] !== 0 ? 1 : 0;
  else out.set(src);
  return new Tensor(out, t.shape, dtype, { device: t.device });
}

/**
 * Reduces `x` over `dims` into a keepdim-shaped output: `step` folds each value into its output
 * slot's accumulator (a Float64Array, so float32 sums are accumulated in double as PyTorch's
 * cascade sum nearly is), `finish` turns an accumulator into the stored value.
 */
export function reduceInto(x: Tensor, dims: readonly number[], init: number, step: (acc: number, v: number) => number): { acc: Float64Array; keepShape: number[] } {
  const keepShape = x.shape.map((s, i) => (dims.includes(i) ? 1 : s));
  const outStrides = contiguousStrides(keepShape).map((s, i) => (dims.includes(i) ? 0 : s));
  const acc = new Float64Array(numelOf(keepShape)).fill(init);
  const xd = x._array();
  forEachRow(x.shape, [x._strides, outStrides], [x._offset, 0], (offs, len, st) => {
    for (let i = 0, px = offs[0], po = offs[1]; i < len; i++, px += st[0], po += st[1]) acc[po] = step(acc[po], xd[px]);
  });
  return { acc, keepShape };
}

/** A fresh contiguous tensor of `shape` holding the storage elements of `src` at `offsets`. */
export function take(src: Tensor, offsets: Int32Array, shape: Shape): Tensor {
  const out = allocStorage(src.dtype, offsets.length);
  const d = src._array();
  for (let i = 0; i < offsets.length; i++) out[i] = d[offsets[i]];
  return new Tensor(out, shape, src.dtype);
}

/** zeros(shape) with `g`'s values added at `offsets` (of shape's contiguous layout). */
export function putAdd(g: Tensor, shape: Shape, offsets: Int32Array): Tensor {
  const z = allocStorage(g.dtype, numelOf(shape));
  const v = g._values();
  for (let i = 0; i < offsets.length; i++) z[offsets[i]] += v[i];
  return new Tensor(z, shape, g.dtype);
}

/** tril (`lower`) or triu of the last two dims of `x`: the other triangle zeroed. */
export function triangle(x: Tensor, diagonal: number, lower: boolean): Tensor {
  const n = x.shape.length;
  const rows = x.shape[n - 2];
  const cols = x.shape[n - 1];
  const vals = x._values();
  const data = allocStorage(x.dtype, vals.length);
  for (let i = 0; i < vals.length; i++) {
    const above = (i % cols) - (Math.floor(i / cols) % rows);
    if (lower ? above <= diagonal : above >= diagonal) data[i] = vals[i];
  }
  return new Tensor(data, x.shape, x.dtype);
}
