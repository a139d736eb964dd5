/**
 * Every public function, method and constructor takes each of its parameters by keyword, in the
 * trailing options object, as Python does: for each example call below, the binder resolves the
 * overload the positional call takes, then the test moves its parameters one by one (from the last)
 * into the options object and compares the result with the positional call's.
 *
 * The table must cover every declared signature (and every declared signature must exist on the
 * public surface): a new function without an example fails here.
 */
import { describe, it, expect } from 'vitest';
import torch, { nn, F, optim, Tensor } from '../index';
import { SIGNATURES, type SignatureKey } from './signatures';
import { NativeParser, NONE } from './native';
import { PythonSignature } from './python';
import { Module } from '../nn/module';

type Call = { target: () => unknown; args: () => unknown[] };

const T = () => torch.tensor([[1.5, -2, 3], [4, 0.5, -6]]);
const V = () => torch.tensor([1.5, -2, 3]);
const G = () => torch.tensor([[1.5, -2, 3], [4, 0.5, -6]], { requires_grad: true });
const L = () => torch.tensor([0n, 2n]);
const M = () => torch.tensor([[true, false, true], [false, false, true]]);
const S = () => torch.tensor([[1, 2], [3, 4]]);
const B3 = () => torch.ones(2, 2, 3);
const lin = () => {
  torch.manual_seed(0);
  return nn.Linear(3, 2);
};
const sgd = () => {
  const p = nn.Parameter(torch.ones(2));
  p.grad = torch.ones(2);
  return optim.SGD([p], { lr: 0.5 });
};

/** Positional example calls per signature: the receiver (methods) and fresh arguments each time. */
function fn(...calls: (() => unknown[])[]): Call[] {
  return calls.map((args) => ({ target: () => null, args }));
}
function method(self: () => unknown, ...calls: (() => unknown[])[]): Call[] {
  return calls.map((args) => ({ target: self, args }));
}

const unary = (self = T) => method(self, () => []);
const binary = method(T, () => [V()], () => [2]);

const EXAMPLES: Partial<Record<SignatureKey, Call[]>> = {
  'torch.tensor': fn(() => [[1, 2]], () => [[1, 2], { dtype: 'float64', device: 'cpu', requires_grad: true }]),
  'torch.zeros': fn(() => [2, 3], () => [[2, 3]]),
  'torch.ones': fn(() => [2, 3], () => [[2, 3]]),
  'torch.empty': fn(() => [2, 3]),
  'torch.full': fn(() => [[2, 3], 1.5]),
  'torch.eye': fn(() => [2], () => [2, 3]),
  'torch.arange': fn(() => [5], () => [1, 5], () => [1, 5, 2]),
  'torch.linspace': fn(() => [0, 1, 5]),
  'torch.rand': fn(() => [2, 3]),
  'torch.randn': fn(() => [2, 3]),
  'torch.randint': fn(() => [5, [3]], () => [2, 5, [3]]),
  'torch.randperm': fn(() => [4]),
  'torch.zeros_like': fn(() => [T()]),
  'torch.ones_like': fn(() => [T()]),
  'torch.empty_like': fn(() => [T()]),
  'torch.rand_like': fn(() => [T()]),
  'torch.randn_like': fn(() => [T()]),
  'torch.full_like': fn(() => [T(), 2]),
  'torch.from_array': fn(() => [new Float32Array([1, 2, 3, 4]), [2, 2]]),
  'torch.from_numpy': fn(() => [new Float64Array([1, 2]), [2]]),
  'torch.set_default_device': fn(() => ['cpu']),
  'torch.get_default_device': fn(() => []),
  'torch.manual_seed': fn(() => [3]),
  'torch.initial_seed': fn(() => []),
  'torch.is_tensor': fn(() => [T()], () => [3]),
  'torch.no_grad': fn(() => [() => G().mul(2)]),
  'torch.enable_grad': fn(() => [() => G().mul(2)]),
  'torch.set_grad_enabled': fn(() => [true]),
  'torch.is_grad_enabled': fn(() => []),
  'torch.format': fn(() => [[T(), 'a', 1]]),
  'torch.add': fn(() => [T(), V()], () => [T(), 2], () => [2, T()]),
  'torch.sub': fn(() => [T(), V()]),
  'torch.rsub': fn(() => [T(), V()], () => [T(), 2, 3]),
  'torch.mul': fn(() => [T(), V()], () => [T(), 2]),
  'torch.div': fn(() => [T(), V()], () => [T(), 2]),
  'torch.pow': fn(() => [T(), V()], () => [2, T()], () => [T(), 2]),
  'torch.maximum': fn(() => [T(), V()]),
  'torch.minimum': fn(() => [T(), V()]),
  'torch.logical_and': fn(() => [M(), M()]),
  'torch.logical_or': fn(() => [M(), M()]),
  'torch.logical_not': fn(() => [M()]),
  'torch.isnan': fn(() => [T()]),
  'torch.equal': fn(() => [T(), T()]),
  'torch.allclose': fn(() => [T(), T(), 0.1, 0.2, true]),
  'torch.where': fn(() => [M(), T(), V()], () => [M(), 2, V()], () => [M(), T(), 2], () => [M(), 1, 2]),
  'torch.clamp': fn(() => [T(), 0], () => [T(), -1, 1], () => [T(), V(), V().add(1)]),
  'torch.clamp_': fn(() => [T(), 0, 1]),
  'torch.relu': fn(() => [T()]),
  'torch.add_': fn(() => [T(), V()]),
  'torch.sub_': fn(() => [T(), V()]),
  'torch.mul_': fn(() => [T(), V()]),
  'torch.div_': fn(() => [T(), V()]),
  'torch.pow_': fn(() => [T(), 2], () => [T(), V()]),
  'torch.fill_': fn(() => [T(), 2], () => [T(), torch.tensor(3)]),
  'torch.zero_': fn(() => [T()]),
  'torch.copy_': fn(() => [T(), V()]),
  'torch.sum': fn(() => [T()], () => [T(), 1], () => [T(), [0, 1], true]),
  'torch.mean': fn(() => [T()], () => [T(), 1, true]),
  'torch.prod': fn(() => [T()], () => [T(), 1, true]),
  'torch.var': fn(() => [T()], () => [T(), 1], () => [T(), 1, false, true], () => [T(), false]),
  'torch.std': fn(() => [T()], () => [T(), 1], () => [T(), 1, false, true], () => [T(), false]),
  'torch.max': fn(() => [T()], () => [T(), 1], () => [T(), 1, true], () => [T(), V()]),
  'torch.min': fn(() => [T()], () => [T(), 1, true], () => [T(), V()]),
  'torch.amax': fn(() => [T(), 1, true]),
  'torch.amin': fn(() => [T(), [0, 1]]),
  'torch.argmax': fn(() => [T()], () => [T(), 1, true]),
  'torch.argmin': fn(() => [T(), 0]),
  'torch.all': fn(() => [M()], () => [M(), 1, true]),
  'torch.any': fn(() => [M()], () => [M(), 1]),
  'torch.logsumexp': fn(() => [T(), 1, true]),
  'torch.norm': fn(() => [T()], () => [T(), 1, 1, true]),
  'torch.cumsum': fn(() => [T(), 1]),
  'torch.sum_to_size': fn(() => [T(), [1, 3]]),
  'torch.softmax': fn(() => [T(), 1], () => [T(), 1, 'float64']),
  'torch.log_softmax': fn(() => [T(), 0]),
  'torch.reshape': fn(() => [T(), [3, 2]]),
  'torch.view': fn(() => [T(), [3, 2]]),
  'torch.expand': fn(() => [V(), [2, 3]]),
  'torch.expand_as': fn(() => [V(), T()]),
  'torch.transpose': fn(() => [T(), 0, 1]),
  'torch.t': fn(() => [T()]),
  'torch.permute': fn(() => [T(), [1, 0]]),
  'torch.squeeze': fn(() => [torch.ones(1, 2, 1)], () => [torch.ones(1, 2, 1), 0], () => [torch.ones(1, 2, 1), [0, 2]]),
  'torch.unsqueeze': fn(() => [T(), 1]),
  'torch.flatten': fn(() => [B3()], () => [B3(), 1], () => [B3(), 0, 1]),
  'torch.unflatten': fn(() => [T(), 1, [3, 1]]),
  'torch.clone': fn(() => [T()]),
  'torch.contiguous': fn(() => [T()]),
  'torch.to': fn(() => [T(), 'cpu', 'float64'], () => [T(), 'float64'], () => [T(), V().double()]),
  'torch.cpu': fn(() => [T()]),
  'torch.cpu_async': fn(() => [T()]),
  'torch.swapaxes': fn(() => [T(), 0, 1]),
  'torch.swapdims': fn(() => [T(), 0, 1]),
  'torch.view_as': fn(() => [T(), T().t()]),
  'torch.reshape_as': fn(() => [T(), T().t()]),
  'torch.movedim': fn(() => [B3(), 0, 2], () => [B3(), [0, 1], [2, 0]]),
  'torch.moveaxis': fn(() => [B3(), 0, 2]),
  'torch.narrow': fn(() => [T(), 1, 1, 2], () => [T(), 1, torch.tensor(1n), 2]),
  'torch.select': fn(() => [T(), 1, 2]),
  'torch.split': fn(() => [T(), 2, 1], () => [T(), [1, 2], 1]),
  'torch.split_with_sizes': fn(() => [T(), [1, 2], 1]),
  'torch.chunk': fn(() => [T(), 2, 1]),
  'torch.unbind': fn(() => [T(), 1]),
  'torch.cat': fn(() => [[T(), T()], 1]),
  'torch.stack': fn(() => [[T(), T()], 1]),
  'torch.index_select': fn(() => [T(), 1, L()]),
  'torch.gather': fn(() => [T(), 1, torch.tensor([[0n], [1n]])]),
  'torch.index': fn(() => [T(), null, 1]),
  'torch.slice': fn(() => [1, 3, 1]),
  'torch.masked_fill': fn(() => [T(), M(), 0], () => [T(), M(), torch.tensor(2)]),
  'torch.repeat': fn(() => [V(), [2, 1]]),
  'torch.flip': fn(() => [T(), [0]]),
  'torch.roll': fn(() => [T(), 1], () => [T(), [1], [1]]),
  'torch.tril': fn(() => [T(), 1]),
  'torch.triu': fn(() => [T(), -1]),
  'torch.matmul': fn(() => [T(), V()]),
  'torch.mm': fn(() => [T(), T().t()]),
  'torch.bmm': fn(() => [B3(), B3().transpose(1, 2)]),
  'torch.dot': fn(() => [V(), V()]),
  'torch.mv': fn(() => [T(), V()]),
  'torch.addmm': fn(() => [S(), S(), S(), { beta: 2, alpha: 3 }]),
  'torch.outer': fn(() => [V(), V()]),
  'torch.ger': fn(() => [V(), V()]),

  'Tensor.size': method(T, () => [], () => [1]),
  'Tensor.stride': method(T, () => [], () => [0]),
  'Tensor.dim': unary(),
  'Tensor.numel': unary(),
  'Tensor.is_contiguous': unary(),
  'Tensor.requires_grad_': method(T, () => [], () => [false]),
  'Tensor.retain_grad': method(() => G().mul(2), () => []),
  'Tensor.register_hook': method(G, () => [(g: Tensor) => g]),
  'Tensor.backward': method(() => G().mul(2).sum(), () => [], () => [torch.tensor(2), true, false, null]),
  'Tensor.detach': unary(),
  'Tensor.detach_': unary(),
  'Tensor.item': unary(() => torch.tensor(3)),
  'Tensor.tolist': unary(),
  'Tensor.item_async': unary(() => torch.tensor(3)),
  'Tensor.tolist_async': unary(),
  'Tensor.cpu_async': unary(),
  'Tensor.add': binary,
  'Tensor.sub': binary,
  'Tensor.rsub': method(T, () => [V()], () => [2, 3]),
  'Tensor.mul': binary,
  'Tensor.div': binary,
  'Tensor.pow': binary,
  'Tensor.maximum': method(T, () => [V()]),
  'Tensor.minimum': method(T, () => [V()]),
  'Tensor.gt': binary,
  'Tensor.ge': binary,
  'Tensor.lt': binary,
  'Tensor.le': binary,
  'Tensor.eq': binary,
  'Tensor.ne': binary,
  'Tensor.logical_and': method(M, () => [M()]),
  'Tensor.logical_or': method(M, () => [M()]),
  'Tensor.logical_not': unary(M),
  'Tensor.isnan': unary(),
  'Tensor.equal': method(T, () => [T()]),
  'Tensor.allclose': method(T, () => [T(), 0.1, 0.2, true]),
  'Tensor.where': method(T, () => [M(), V()]),
  'Tensor.clamp': method(T, () => [0], () => [-1, 1], () => [V(), V().add(1)]),
  'Tensor.add_': method(T, () => [V()]),
  'Tensor.sub_': method(T, () => [V()]),
  'Tensor.mul_': method(T, () => [2]),
  'Tensor.div_': method(T, () => [V()]),
  'Tensor.clamp_': method(T, () => [0, 1]),
  'Tensor.pow_': method(T, () => [2]),
  'Tensor.fill_': method(T, () => [2]),
  'Tensor.zero_': unary(),
  'Tensor.copy_': method(T, () => [V()]),
  'Tensor.view': method(T, () => [3, 2], () => [[6]]),
  'Tensor.reshape': method(T, () => [3, 2], () => [[-1]]),
  'Tensor.expand': method(V, () => [2, 3]),
  'Tensor.expand_as': method(V, () => [T()]),
  'Tensor.transpose': method(T, () => [0, 1]),
  'Tensor.t': unary(),
  'Tensor.permute': method(T, () => [1, 0], () => [[1, 0]]),
  'Tensor.unsqueeze': method(T, () => [0]),
  'Tensor.squeeze': method(() => torch.ones(1, 2, 1), () => [], () => [2], () => [[0, 2]]),
  'Tensor.flatten': method(B3, () => [], () => [1], () => [0, 1]),
  'Tensor.unflatten': method(T, () => [1, [3, 1]]),
  'Tensor.clone': unary(),
  'Tensor.contiguous': unary(),
  'Tensor.to': method(T, () => ['cpu'], () => ['float64'], () => ['cpu', 'float64'], () => [V().double()]),
  'Tensor.float': unary(S),
  'Tensor.double': unary(),
  'Tensor.long': unary(),
  'Tensor.bool': unary(),
  'Tensor.cpu': unary(),
  'Tensor.swapaxes': method(T, () => [0, 1]),
  'Tensor.swapdims': method(T, () => [1, 0]),
  'Tensor.view_as': method(T, () => [T().t()]),
  'Tensor.reshape_as': method(T, () => [T().t()]),
  'Tensor.movedim': method(B3, () => [0, 2]),
  'Tensor.moveaxis': method(B3, () => [[0], [1]]),
  'Tensor.sum': method(T, () => [], () => [1], () => [[0, 1], true]),
  'Tensor.mean': method(T, () => [], () => [1, true]),
  'Tensor.sum_to_size': method(T, () => [1, 3], () => [[1, 3]]),
  'Tensor.max': method(T, () => [], () => [1], () => [1, true], () => [V()]),
  'Tensor.min': method(T, () => [], () => [0, true], () => [V()]),
  'Tensor.amax': method(T, () => [1, true]),
  'Tensor.amin': method(T, () => [[0, 1]]),
  'Tensor.argmax': method(T, () => [], () => [1, true]),
  'Tensor.argmin': method(T, () => [0]),
  'Tensor.prod': method(T, () => [], () => [1, true]),
  'Tensor.var': method(T, () => [], () => [1], () => [1, false, true], () => [false]),
  'Tensor.std': method(T, () => [], () => [[0, 1], true]),
  'Tensor.logsumexp': method(T, () => [1, true]),
  'Tensor.norm': method(T, () => [], () => [1], () => [2, 1, true]),
  'Tensor.all': method(M, () => [], () => [1, true]),
  'Tensor.any': method(M, () => [], () => [0]),
  'Tensor.cumsum': method(T, () => [1]),
  'Tensor.softmax': method(T, () => [1], () => [0, 'float64']),
  'Tensor.log_softmax': method(T, () => [1]),
  'Tensor.narrow': method(T, () => [1, 0, 2]),
  'Tensor.select': method(T, () => [0, 1]),
  'Tensor.split': method(T, () => [2, 1], () => [[1, 2], 1]),
  'Tensor.split_with_sizes': method(T, () => [[1, 2], 1]),
  'Tensor.chunk': method(T, () => [3, 1]),
  'Tensor.unbind': method(T, () => [], () => [1]),
  'Tensor.index_select': method(T, () => [1, L()]),
  'Tensor.gather': method(T, () => [1, torch.tensor([[0n], [1n]])]),
  'Tensor.index': method(T, () => [null, 1], () => [0]),
  'Tensor.masked_fill': method(T, () => [M(), 0]),
  'Tensor.repeat': method(V, () => [2, 1], () => [[2, 1]]),
  'Tensor.flip': method(T, () => [0], () => [[0, 1]]),
  'Tensor.roll': method(T, () => [1], () => [1, 0]),
  'Tensor.tril': method(T, () => [], () => [1]),
  'Tensor.triu': method(T, () => [-1]),
  'Tensor.matmul': method(T, () => [V()]),
  'Tensor.mm': method(T, () => [T().t()]),
  'Tensor.bmm': method(B3, () => [B3().transpose(1, 2)]),
  'Tensor.dot': method(V, () => [V()]),
  'Tensor.mv': method(T, () => [V()]),
  'Tensor.addmm': method(S, () => [S(), S()]),
  'Tensor.outer': method(V, () => [V()]),
  'Tensor.ger': method(V, () => [V()]),
  ...Object.fromEntries(
    ['exp', 'log', 'sqrt', 'abs', 'sin', 'cos', 'tan', 'tanh', 'sigmoid', 'reciprocal', 'log2', 'log1p', 'expm1', 'rsqrt', 'sign', 'square', 'neg', 'relu'].flatMap((n) => [
      [`Tensor.${n}`, unary()],
      [`torch.${n}`, fn(() => [T()])],
    ]),
  ),
  ...Object.fromEntries(['gt', 'ge', 'lt', 'le', 'eq', 'ne'].map((n) => [`torch.${n}`, fn(() => [T(), V()], () => [T(), 1])])),

  'F.relu': fn(() => [T()], () => [T(), true]),
  'Tensor.relu_': unary(),
  'torch.relu_': fn(() => [T()]),
  'F.sigmoid': fn(() => [T()]),
  'F.tanh': fn(() => [T()]),
  'F.softmax': fn(() => [T(), 1], () => [T(), 0, 3, 'float64']),
  'F.log_softmax': fn(() => [T(), 1]),
  'F.linear': fn(() => [T(), T()], () => [T(), T(), V().narrow(0, 0, 2)]),
  'F.mse_loss': fn(() => [T(), T().mul(2)], () => [T(), T().mul(2), null, null, 'sum'], () => [T(), T().mul(2), null, null, 'none', T()]),
  'F.nll_loss': fn(() => [T(), L()], () => [T(), L(), V(), null, 2, null, 'sum']),
  'F.cross_entropy': fn(() => [T(), L()], () => [T(), L(), V(), null, 0, null, 'none', 0]),

  'F.binary_cross_entropy': fn(() => [T().sigmoid(), T().sigmoid()], () => [T().sigmoid(), T().sigmoid(), V(), null, null, 'sum']),
  'F.binary_cross_entropy_with_logits': fn(() => [T(), T().sigmoid()], () => [T(), T().sigmoid(), V(), null, null, 'none', V()]),
  'F.l1_loss': fn(() => [T(), T().mul(2)], () => [T(), T().mul(2), null, null, 'sum', T()]),
  'F.smooth_l1_loss': fn(() => [T(), T().mul(2)], () => [T(), T().mul(2), null, null, 'none', 0.5]),
  'F.huber_loss': fn(() => [T(), T().mul(2)], () => [T(), T().mul(2), 'sum', 0.5, T()]),
  'F.kl_div': fn(() => [T(), T().sigmoid()], () => [T(), T(), null, null, 'batchmean', true]),
  'nn.NLLLoss': fn(() => [], () => [V(), null, 1, null, 'sum']),
  'nn.BCELoss': fn(() => [], () => [V(), null, null, 'sum']),
  'nn.BCEWithLogitsLoss': fn(() => [], () => [V(), null, null, 'sum', V()]),
  'nn.L1Loss': fn(() => [], () => [null, null, 'sum']),
  'nn.SmoothL1Loss': fn(() => [], () => [null, null, 'sum', 0.5]),
  'nn.HuberLoss': fn(() => [], () => ['sum', 0.5]),
  'nn.KLDivLoss': fn(() => [], () => [null, null, 'batchmean', true]),
  'nn.Identity': fn(() => [], () => [1, 2]),
  'nn.Flatten': fn(() => [], () => [0, 1]),
  'nn.Unflatten': fn(() => [1, [1, 3]]),
  'nn.ModuleList': fn(() => [], () => [[nn.ReLU()]]),
  'nn.ModuleDict': fn(() => [], () => [{ a: nn.ReLU() }]),
  'nn.ParameterList': fn(() => [], () => [[nn.Parameter(torch.ones(1))]]),
  'Module.buffers': method(lin, () => [], () => [false]),
  'Module.named_buffers': method(lin, () => ['p', false, true]),
  'Module.register_buffer': method(lin, () => ['running', torch.ones(1), false]),
  'Module.requires_grad_': method(lin, () => [false]),
  'Module.state_dict': method(lin, () => []),
  'Module.load_state_dict': method(lin, () => [lin().state_dict(), false]),
  'nn.Module': fn(() => []),
  'nn.Parameter': fn(() => [T()], () => [T(), false]),
  'nn.Linear': fn(() => [3, 2], () => [3, 2, false, 'cpu', 'float64']),
  'nn.ReLU': fn(() => [], () => [true]),
  'nn.Sigmoid': fn(() => []),
  'nn.Tanh': fn(() => []),
  'nn.Sequential': fn(() => [nn.ReLU(), nn.Tanh()]),
  'nn.MSELoss': fn(() => [], () => [null, null, 'sum']),
  'nn.CrossEntropyLoss': fn(() => [], () => [V(), null, 1, null, 'sum', 0]),
  'Module.parameters': method(lin, () => [], () => [false]),
  'Module.named_parameters': method(lin, () => ['p'], () => ['p', false, true]),
  'Module.children': method(lin, () => []),
  'Module.named_children': method(lin, () => []),
  'Module.modules': method(lin, () => []),
  'Module.named_modules': method(lin, () => [null, 'm', true]),
  'Module.zero_grad': method(lin, () => [false]),
  'Module.to': method(lin, () => ['float64'], () => ['cpu', 'float64']),
  'Module.train': method(lin, () => [false]),
  'Module.eval': method(lin, () => []),
  'Module.register_parameter': method(lin, () => ['extra', nn.Parameter(torch.ones(1))]),
  'Module.add_module': method(lin, () => ['act', nn.ReLU()]),
  'optim.SGD': fn(() => [[nn.Parameter(torch.ones(2))], 0.1, 0.9, 0, 0.01, true]),
  'optim.Adam': fn(() => [[nn.Parameter(torch.ones(2))], 0.1, [0.8, 0.9], 1e-6, 0.1, true]),
  'optim.AdamW': fn(() => [[nn.Parameter(torch.ones(2))], 0.1, [0.8, 0.9], 1e-6, 0.1, true]),
  'optim.RMSprop': fn(() => [[nn.Parameter(torch.ones(2))], 0.1, 0.9, 1e-6, 0.1, 0.5, true]),
  'optim.Adagrad': fn(() => [[nn.Parameter(torch.ones(2))], 0.1, 0.01, 0.1, 0.2, 1e-6]),
  'lr_scheduler.LambdaLR': fn(() => [sgd(), (e: number) => 1 / (e + 1)]),
  'lr_scheduler.StepLR': fn(() => [sgd(), 2, 0.5]),
  'lr_scheduler.MultiStepLR': fn(() => [sgd(), [1, 3], 0.5]),
  'lr_scheduler.ExponentialLR': fn(() => [sgd(), 0.9]),
  'lr_scheduler.CosineAnnealingLR': fn(() => [sgd(), 4, 0.01]),
  'lr_scheduler.ReduceLROnPlateau': fn(() => [sgd()], () => [sgd(), 'max', 0.5, 2, 0.01, 'abs', 1, 0.001, 1e-6]),
  'LRScheduler.step': method(() => optim.lr_scheduler.StepLR(sgd(), 2), () => []),
  'ReduceLROnPlateau.step': method(() => optim.lr_scheduler.ReduceLROnPlateau(sgd()), () => [0.5]),
  'RMSprop.step': method(() => {
    const p = nn.Parameter(torch.ones(2));
    p.grad = torch.ones(2);
    return optim.RMSprop([p]);
  }, () => [() => torch.tensor(1)]),
  'Adagrad.step': method(() => {
    const p = nn.Parameter(torch.ones(2));
    p.grad = torch.ones(2);
    return optim.Adagrad([p]);
  }, () => [() => torch.tensor(1)]),
  'data.DataLoader': fn(() => [[1, 2, 3]], () => [[1, 2, 3], 2, false, null, null, 0, null, false, true]),
  'data.TensorDataset': fn(() => [T(), T()]),
  'data.Subset': fn(() => [[1, 2, 3], [0, 2]]),
  'data.random_split': fn(() => [[1, 2, 3], [2, 1], torch.Generator()]),
  'data.Generator': fn(() => [], () => ['cpu']),
  'Optimizer.state_dict': method(sgd, () => []),
  'Optimizer.load_state_dict': method(sgd, () => [sgd().state_dict()]),
  'Optimizer.zero_grad': method(sgd, () => [false]),
  'Optimizer.add_param_group': method(sgd, () => [{ params: [nn.Parameter(torch.ones(1))], lr: 0.1 }]),
  'SGD.step': method(sgd, () => [], () => [() => torch.tensor(1)]),
  'Adam.step': method(() => {
    const p = nn.Parameter(torch.ones(2));
    p.grad = torch.ones(2);
    return optim.Adam([p]);
  }, () => [() => torch.tensor(1)]),
  'autograd.backward': fn(() => [G().mul(2).sum()], () => [G().mul(2), torch.ones(2, 3), true, false, null, null]),
  'autograd.grad': fn(() => {
    const x = G();
    return [x.mul(x).sum(), x, null, true, true];
  }),
  'autograd.gradcheck': fn(() => [(x: Tensor) => x.mul(2), [torch.ones(2, { dtype: 'float64', requires_grad: true })]]),
  'autograd.detect_anomaly': fn(() => [() => 1, true]),
  'autograd.set_detect_anomaly': fn(() => [false, true]),
  'autograd.is_anomaly_enabled': fn(() => []),
  'viz.make_dot': fn(() => {
    const x = G();
    return [x.mul(2).sum(), { x }, true, true, 30];
  }),
};

/** Where each key's callable lives on the public surface. */
function resolve(key: SignatureKey, target: unknown): { call: (...a: unknown[]) => unknown; self: unknown } {
  const [ns, name] = key.split('.') as [string, string];
  const namespaces: Record<string, unknown> = { torch, F, nn, optim, lr_scheduler: optim.lr_scheduler, data: { ...torch.utils.data, Generator: torch.Generator }, autograd: torch.autograd, viz: torch.viz };
  if (ns in namespaces) return { call: (namespaces[ns] as Record<string, (...a: unknown[]) => unknown>)[name], self: undefined };
  return { call: (target as Record<string, (...a: unknown[]) => unknown>)[name], self: target };
}

/** A comparable description of any result (tensors by value, dtype, shape and grad_fn). */
function summary(v: unknown, depth = 0): string {
  if (depth > 3) return '…';
  if (v instanceof Tensor) return `T(${String(v)}|${v.dtype}|${v.shape}|${v.requires_grad}|${v.grad_fn?.name() ?? ''})`;
  if (Array.isArray(v)) return `[${v.map((x) => summary(x, depth + 1)).join(',')}]`;
  if (v instanceof Module) return `M(${String(v)}|${summary(v.parameters(), depth + 1)})`;
  if (v && typeof v === 'object' && 'toDot' in v) return (v as { toDot: () => string }).toDot().replace(/\d+/g, '#');
  if (v instanceof Promise) return 'Promise';
  if (typeof v === 'function') return 'function';
  if (v && typeof v === 'object') return String(v);
  return String(v);
}

/**
 * The parameter names the positional part of a call binds (from the overload it takes), their
 * values, and the call's own keyword arguments (an example may end with an options object).
 */
function boundNames(key: SignatureKey, allArgs: unknown[], isMethod: boolean): { names: string[]; values: unknown[]; kwargs: Record<string, unknown> } | null {
  const spec = SIGNATURES[key];
  const last = allArgs[allArgs.length - 1];
  const hasKw = last !== null && typeof last === 'object' && Object.getPrototypeOf(last) === Object.prototype && key !== 'Optimizer.add_param_group' && key !== 'viz.make_dot';
  const kwargs = hasKw ? (last as Record<string, unknown>) : {};
  const args = hasKw ? allArgs.slice(0, -1) : allArgs;
  if (typeof spec === 'string') {
    if (spec.startsWith('noargs')) return null;
    const m = /^def ([\w.]+)\((.*)\)$/s.exec(spec)!;
    const sig = new PythonSignature(m[1], `(${m[2].replace(/(\w+)\s*:\s*\w+/g, '$1')})`, isMethod || m[1].endsWith('__init__') || m[1].endsWith('__new__'));
    if (sig.varargs) return null;
    const names = sig.positional.map((p) => p.name).slice(sig.bound ? 1 : 0, (sig.bound ? 1 : 0) + args.length);
    return { names, values: args, kwargs };
  }
  const parser = new NativeParser(spec);
  const dst: unknown[] = [];
  const sig = parser.parse(args, Object.entries(kwargs), dst);
  const names: string[] = [];
  const values: unknown[] = [];
  sig.params.forEach((p, i) => {
    if (dst[i] !== NONE && !(p.name in kwargs)) {
      names.push(p.name);
      values.push(dst[i]);
    }
  });
  return { names, values, kwargs };
}

describe('every public call takes each parameter by keyword, as Python binds it', () => {
  it('has an example for every declared signature', () => {
    const missing = (Object.keys(SIGNATURES) as SignatureKey[]).filter((k) => !EXAMPLES[k]);
    expect(missing).toEqual([]);
  });

  it('declares a signature for every public function and Tensor method', () => {
    const undeclared: string[] = [];
    for (const [name, v] of Object.entries(torch)) {
      if (typeof v === 'function' && !/^[A-Z]/.test(name) && !(`torch.${name}` in SIGNATURES)) undeclared.push(`torch.${name}`);
    }
    for (const name of Object.getOwnPropertyNames(Tensor.prototype)) {
      const d = Object.getOwnPropertyDescriptor(Tensor.prototype, name)!;
      if (typeof d.value === 'function' && !name.startsWith('_') && !['constructor', 'toString'].includes(name) && !(`Tensor.${name}` in SIGNATURES)) undeclared.push(`Tensor.${name}`);
    }
    for (const [name, v] of Object.entries(F)) if (typeof v === 'function' && !(`F.${name}` in SIGNATURES)) undeclared.push(`F.${name}`);
    expect(undeclared).toEqual([]);
  });

  for (const key of Object.keys(EXAMPLES) as SignatureKey[]) {
    it(key, () => {
      for (const example of EXAMPLES[key]!) {
        const isMethod = !/^(torch|F|nn|optim|lr_scheduler|data|autograd|viz)\./.test(key);
        const run = (argsOf: (args: unknown[]) => unknown[]) => {
          torch.manual_seed(7);
          const target = example.target();
          const { call, self } = resolve(key, target);
          const result = call.apply(self, argsOf(example.args()));
          return summary(result) + (isMethod ? `|self:${summary(target)}` : '');
        };
        const positional = run((a) => a);
        const bound = boundNames(key, example.args(), isMethod);
        if (!bound) continue;
        // Move the parameters, from the last, into the options object; for a method all may go.
        for (let first = bound.names.length - 1; first >= 0; first--) {
          const asKeywords = run(() => {
            const fresh = boundNames(key, example.args(), isMethod)!;
            const kw = { ...Object.fromEntries(fresh.names.slice(first).map((n, i) => [n, fresh.values[first + i]])), ...fresh.kwargs };
            return [...fresh.values.slice(0, first), kw];
          });
          expect(asKeywords, `${key}: ${bound.names.slice(first).join(', ')} by keyword`).toBe(positional);
        }
      }
    });
  }
});
