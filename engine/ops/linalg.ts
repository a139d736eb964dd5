/**
 * Matrix products: dot, mv, mm, bmm, addmm, outer, and matmul composed from them exactly as
 * PyTorch 1.13's `_matmul_impl` composes them (so the graph shows the same Nodes: MmBackward0 under
 * UnsafeViewBackward0 for a folded batch, BmmBackward0 over expanded batches, ...). The products
 * run on the `gemm` kernel; their backward formulas are products again, so create_graph works.
 */
import { Tensor } from '../tensor';
import { record } from '../autograd/function';
import { is_grad_enabled, no_grad } from '../autograd/grad_mode';
import { backendOf } from '../backends';
import type { GemmOperand } from '../backends/backend';
import type { DType } from '../dtype';
import { broadcastShapes, numelOf, type Shape } from '../shape';
import { mul } from './elementwise';
import { contiguous, expand, reshape, squeeze, t, transpose, unsqueeze } from './shape';
import { installMethods } from './util';
import { RuntimeError } from '../errors';
import { derivatives } from '../autograd/derivatives';

const SCALAR_NAMES: Record<DType, string> = { float32: 'Float', float64: 'Double', int64: 'Long', bool: 'Bool' };

function checkSameDtype(self: Tensor, other: Tensor): void {
  if (self.dtype !== other.dtype) {
    throw new RuntimeError(`expected scalar type ${SCALAR_NAMES[self.dtype]} but found ${SCALAR_NAMES[other.dtype]}`);
  }
}

function checkNotBool(dtype: DType): void {
  if (dtype === 'bool') throw new RuntimeError(`"addmm_impl_cpu_" not implemented for 'Bool'`);
}

/** A tensor over `t`'s storage with a new shape, outside the view system (as PyTorch's _unsafe_view). */
function unsafeView(self: Tensor, shape: Shape): Tensor {
  const out = new Tensor(self._data, shape, self.dtype, { device: self.device });
  const inShape = self.shape.slice();
  return record('UnsafeViewBackward0', [self], out, { self_sym_sizes: inShape }, ([g]) => [reshape(g!, inShape)]);
}

/** `squeeze_(0)` on a fresh product: PyTorch records the in-place squeeze as SqueezeBackward3. */
/** matmul's `squeeze_(0)` of its own result: squeeze_.dim, SqueezeBackward4 in PyTorch 2.x. */
function squeezeFirstInPlace(self: Tensor): Tensor {
  const out = new Tensor(self._data, self.shape.slice(1), self.dtype, { device: self.device });
  const inShape = self.shape.slice();
  return record('SqueezeBackward4', [self], out, { dim: 0, self_sym_sizes: inShape }, ([g]) => [reshape(g!, inShape)]);
}

/** A product operand over dims (`batchDim`, `rowDim`, `colDim`) of `t` (-1: a dim of size 1). */
function operandOf(t: Tensor, batchDim: number, rowDim: number, colDim: number): GemmOperand {
  const stride = (d: number) => (d < 0 ? 0 : t._strides[d]);
  return { t, offset: t._offset, strides: [stride(batchDim), stride(rowDim), stride(colDim)] };
}

// ---- the products ------------------------------------------------------------------------------

export function dot(self: Tensor, tensor: Tensor): Tensor {
  if (self.dim() !== 1 || tensor.dim() !== 1) {
    throw new RuntimeError(`1D tensors expected, but got ${self.dim()}D and ${tensor.dim()}D tensors`);
  }
  if (self.numel() !== tensor.numel()) {
    throw new RuntimeError(`inconsistent tensor size, expected tensor [${self.numel()}] and src [${tensor.numel()}] to have the same number of elements, but got ${self.numel()} and ${tensor.numel()} elements respectively`);
  }
  if (self.dtype !== tensor.dtype) {
    throw new RuntimeError(`dot : expected both vectors to have same dtype, but found ${SCALAR_NAMES[self.dtype]} and ${SCALAR_NAMES[tensor.dtype]}`);
  }
  checkNotBool(self.dtype);
  const result = backendOf(self, tensor).gemm(1, 1, 1, self.numel(), operandOf(self, -1, -1, 0), operandOf(tensor, -1, 0, -1), []);
  const saved = { self: tensor.requires_grad ? self : null, tensor: self.requires_grad ? tensor : null };
  return record('DotBackward0', [self, tensor], result, saved, ([g], s, needs) => [
    needs[0] ? mul(g!, s.tensor as Tensor) : null,
    needs[1] ? mul(g!, s.self as Tensor) : null,
  ]);
}

export function mv(self: Tensor, vec: Tensor): Tensor {
  if (self.dim() !== 2 || vec.dim() !== 1) throw new RuntimeError(`vector + matrix @ vector expected, got 1, ${self.dim()}, ${vec.dim()}`);
  const [rows, cols] = self.shape;
  if (cols !== vec.shape[0]) throw new RuntimeError(`size mismatch, got ${rows}, ${rows}x${cols},${vec.shape[0]}`);
  checkSameDtype(self, vec);
  checkNotBool(self.dtype);
  const result = backendOf(self, vec).gemm(1, rows, 1, cols, operandOf(self, -1, 0, 1), operandOf(vec, -1, 0, -1), [rows]);
  const saved = { self: vec.requires_grad ? self : null, vec: self.requires_grad ? vec : null };
  return record('MvBackward0', [self, vec], result, saved, ([g], s, needs) => [
    needs[0] ? outer(g!, s.vec as Tensor) : null,
    needs[1] ? mv(t(s.self as Tensor), g!) : null,
  ]);
}

function checkMultipliable(mat1: Tensor, mat2: Tensor): void {
  if (mat1.shape[1] !== mat2.shape[0]) {
    throw new RuntimeError(`mat1 and mat2 shapes cannot be multiplied (${mat1.shape[0]}x${mat1.shape[1]} and ${mat2.shape[0]}x${mat2.shape[1]})`);
  }
}

export function mm(self: Tensor, mat2: Tensor): Tensor {
  if (self.dim() !== 2) throw new RuntimeError('self must be a matrix');
  if (mat2.dim() !== 2) throw new RuntimeError('mat2 must be a matrix');
  checkMultipliable(self, mat2);
  checkSameDtype(self, mat2);
  checkNotBool(self.dtype);
  const [M, K] = self.shape;
  const N = mat2.shape[1];
  const result = backendOf(self, mat2).gemm(1, M, N, K, operandOf(self, -1, 0, 1), operandOf(mat2, -1, 0, 1), [M, N]);
  const saved = {
    mat2: self.requires_grad ? mat2 : null,
    mat2_sym_sizes: mat2.shape.slice(),
    mat2_sym_strides: mat2.requires_grad ? mat2.stride() : [],
    self: mat2.requires_grad ? self : null,
    self_sym_sizes: self.shape.slice(),
    self_sym_strides: self.requires_grad ? self.stride() : [],
  };
  return record('MmBackward0', [self, mat2], result, saved, ([g], s, needs) => [
    needs[0] ? mm(g!, t(s.mat2 as Tensor)) : null,
    needs[1] ? mm(t(s.self as Tensor), g!) : null,
  ]);
}

export function bmm(self: Tensor, mat2: Tensor): Tensor {
  if (self.dim() !== 3) throw new RuntimeError('batch1 must be a 3D tensor');
  if (mat2.dim() !== 3) throw new RuntimeError('batch2 must be a 3D tensor');
  const [B, M, K] = self.shape;
  if (mat2.shape[0] !== B || mat2.shape[1] !== K) {
    throw new RuntimeError(`Expected size for first two dimensions of batch2 tensor to be: [${B}, ${K}] but got: [${mat2.shape[0]}, ${mat2.shape[1]}].`);
  }
  checkSameDtype(self, mat2);
  checkNotBool(self.dtype);
  const N = mat2.shape[2];
  const result = backendOf(self, mat2).gemm(B, M, N, K, operandOf(self, 0, 1, 2), operandOf(mat2, 0, 1, 2), [B, M, N]);
  const saved = { mat2: self.requires_grad ? mat2 : null, self: mat2.requires_grad ? self : null };
  return record('BmmBackward0', [self, mat2], result, saved, ([g], s, needs) => [
    needs[0] ? bmm(g!, transpose(s.mat2 as Tensor, 1, 2)) : null,
    needs[1] ? bmm(transpose(s.self as Tensor, 1, 2), g!) : null,
  ]);
}

/** `beta * self + alpha * (mat1 @ mat2)`, `self` broadcast to the product's shape. */
export function addmm(self: Tensor, mat1: Tensor, mat2: Tensor, betaArg?: number | Tensor, alphaArg?: number | Tensor): Tensor {
  const beta = betaArg === undefined ? 1 : Number(betaArg instanceof Tensor ? betaArg.item() : betaArg);
  const alpha = alphaArg === undefined ? 1 : Number(alphaArg instanceof Tensor ? alphaArg.item() : alphaArg);
  if (mat1.dim() !== 2) throw new RuntimeError(`mat1 must be a matrix, got ${mat1.dim()}-D tensor`);
  if (mat2.dim() !== 2) throw new RuntimeError(`mat2 must be a matrix, got ${mat2.dim()}-D tensor`);
  checkMultipliable(mat1, mat2);
  if (self.dtype !== mat1.dtype || mat1.dtype !== mat2.dtype) throw new RuntimeError('self and mat2 must have the same dtype');
  checkNotBool(self.dtype);
  const shape = [mat1.shape[0], mat2.shape[1]];
  // One kernel: the bias is read through its broadcast strides in the product's epilogue.
  const bias = no_grad(() => expand(self, shape));
  const [M, K] = mat1.shape;
  const product = backendOf(self, mat1, mat2).gemm(1, M, shape[1], K, operandOf(mat1, -1, 0, 1), operandOf(mat2, -1, 0, 1), shape, operandOf(bias, -1, 0, 1), alpha, beta);
  const saved = {
    alpha,
    beta,
    mat1: mat2.requires_grad ? mat1 : null,
    mat1_sym_sizes: mat1.shape.slice(),
    mat1_sym_strides: mat1.requires_grad ? mat1.stride() : [],
    mat2: mat1.requires_grad ? mat2 : null,
    mat2_sym_sizes: mat2.shape.slice(),
    mat2_sym_strides: mat2.requires_grad ? mat2.stride() : [],
  };
  const scaled = (g: Tensor, k: number) => (k === 1 ? g : mul(g, k));
  return record('AddmmBackward0', [self, mat1, mat2], product, saved, ([g], s, needs) => [
    needs[0] ? scaled(g!, beta) : null,
    needs[1] ? scaled(mm(g!, t(s.mat2 as Tensor)), alpha) : null,
    needs[2] ? scaled(mm(t(s.mat1 as Tensor), g!), alpha) : null,
  ]);
}


/** `torch.outer`: PyTorch writes it as `self.reshape({n, 1}) * vec2`. */
export function outer(self: Tensor, vec2: Tensor): Tensor {
  if (self.dim() !== 1) throw new RuntimeError(`outer: Expected 1-D argument self, but got ${self.dim()}-D`);
  if (vec2.dim() !== 1) throw new RuntimeError(`outer: Expected 1-D argument vec2, but got ${vec2.dim()}-D`);
  return mul(reshape(self, [self.shape[0], 1]), vec2);
}

export const ger = outer;

// ---- matmul ------------------------------------------------------------------------------------

/**
 * Whether the batch of `tensor1` folds into the rows of one mm: PyTorch's `should_fold`, which
 * keeps a (batch, transposed-matrix) layout on bmm rather than copy it, unless the matrix operand
 * requires grad (PyTorch 2.x then copies, so that its gradient is one mm, not a bmm and a sum).
 */
function shouldFold(tensor1: Tensor, tensor2: Tensor): boolean {
  const d1 = tensor1.dim();
  const dimTensor2 = tensor2.dim();
  if (d1 < 3 || (dimTensor2 !== 1 && dimTensor2 !== 2)) return false;
  if (tensor2.requires_grad && is_grad_enabled()) return true;
  const sizes = tensor1.shape;
  const strides = tensor1._strides;
  const transposedBatch = d1 === 3 && dimTensor2 === 2 && strides[2] !== 1 && strides[0] === sizes[1] * sizes[2];
  return !transposedBatch;
}

/** The larger operand's batch folded into matrix rows: one mm (or mv) and a view back. */
function foldedMatmul(tensor1: Tensor, tensor2: Tensor): Tensor {
  const d1 = tensor1.dim();
  const d2 = tensor2.dim();
  const transposed = d2 > d1;
  const t1 = transposed ? transpose(tensor2, -2, -1) : tensor1;
  const t2 = !transposed ? tensor2 : d1 === 2 ? t(tensor1) : tensor1;
  const sizes1 = t1.shape;
  const outputShape = sizes1.slice(0, -1);
  const foldedRows = numelOf(outputShape);
  const t1Folded = reshape(t1, [foldedRows, sizes1[sizes1.length - 1]]);
  if (t2.dim() !== 2) return unsafeView(mv(t1Folded, t2), outputShape);
  outputShape.push(t2.shape[1]);
  const output = unsafeView(mm(t1Folded, t2), outputShape);
  return transposed ? contiguous(transpose(output, -2, -1)) : output;
}

/** Both operands at least 2-D, one at least 3-D: batches broadcast, flattened, and one bmm. */
function batchedMatmul(tensor1: Tensor, tensor2: Tensor): Tensor {
  const [n, m1] = tensor1.shape.slice(-2);
  const [m2, p] = tensor2.shape.slice(-2);
  const batch = broadcastShapes(tensor1.shape.slice(0, -2), tensor2.shape.slice(0, -2));
  const batchProduct = numelOf(batch);
  const expanded1 = reshape(expand(tensor1, [...batch, n, m1]), [batchProduct, n, m1]);
  const expanded2 = reshape(expand(tensor2, [...batch, m2, p]), [batchProduct, m2, p]);
  return unsafeView(bmm(expanded1, expanded2), [...batch, n, p]);
}

/** `a @ b` with PyTorch's dispatch on the operands' ranks. */
export function matmul(self: Tensor, other: Tensor): Tensor {
  const d1 = self.dim();
  const d2 = other.dim();
  if (d1 === 0 || d2 === 0) throw new RuntimeError(`both arguments to matmul need to be at least 1D, but they are ${d1}D and ${d2}D`);
  if (d1 !== 1 || d2 !== 1) checkSameDtype(self, other);
  if (d1 === 1 && d2 === 1) return dot(self, other);
  if (d1 === 2 && d2 === 1) return mv(self, other);
  if (d1 === 1 && d2 === 2) return squeezeFirstInPlace(mm(unsqueeze(self, 0), other));
  if (d1 === 2 && d2 === 2) return mm(self, other);
  // Two 3-D operands where only one is a batch of one: PyTorch 2.x squeezes that one and folds.
  if (d1 === 3 && d2 === 3 && (self.shape[0] === 1) !== (other.shape[0] === 1)) {
    return self.shape[0] === 1 ? matmul(squeeze(self, 0), other) : matmul(self, squeeze(other, 0));
  }
  if (shouldFold(self, other) || shouldFold(other, self)) return foldedMatmul(self, other);
  return batchedMatmul(self, other);
}

type AddmmKw = { beta?: number | Tensor; alpha?: number | Tensor };

declare module '../tensor' {
  interface Tensor {
    matmul(other: Tensor | { other?: Tensor }): Tensor;
    mm(mat2: Tensor | { mat2?: Tensor }): Tensor;
    bmm(mat2: Tensor | { mat2?: Tensor }): Tensor;
    dot(tensor: Tensor | { tensor?: Tensor }): Tensor;
    mv(vec: Tensor | { vec?: Tensor }): Tensor;
    addmm(mat1: Tensor | (AddmmKw & { mat1?: Tensor; mat2?: Tensor }), mat2?: Tensor | (AddmmKw & { mat2?: Tensor }), kwargs?: AddmmKw): Tensor;
    outer(vec2: Tensor | { vec2?: Tensor }): Tensor;
    ger(vec2: Tensor | { vec2?: Tensor }): Tensor;
  }
}

installMethods({ matmul, mm, bmm, dot, mv, addmm, outer, ger });

// ---- the local rules of the Nodes above (derivatives.yaml, in words) --------------------------------

derivatives({
  SqueezeBackward4: { inputs: ['self'], grads: ['grad.reshape(self.shape)'] },
  DotBackward0: { inputs: ['self', 'tensor'], grads: ['grad · tensor', 'grad · self'] },
  MvBackward0: { inputs: ['self', 'vec'], grads: ['grad ⊗ vec', 'selfᵀ @ grad'] },
  MmBackward0: { inputs: ['self', 'mat2'], grads: ['grad @ mat2ᵀ', 'selfᵀ @ grad'] },
  BmmBackward0: { inputs: ['self', 'mat2'], grads: ['grad @ mat2ᵀ (per batch)', 'selfᵀ @ grad (per batch)'] },
  AddmmBackward0: { inputs: ['self', 'mat1', 'mat2'], grads: ['grad · beta (summed to self.shape)', 'grad @ mat2ᵀ · alpha', 'mat1ᵀ @ grad · alpha'] },
});
