/**
 * The contract in ../shared/API.md: every name it promises exists on the public surface. Other
 * tests and teachers' saved links depend on these names, so losing one must fail here.
 */
import { describe, it, expect } from 'vitest';
import torchDefault, { torch, nn, F, optim, Tensor, Node } from './index';

const torchFunctions = [
  'tensor', 'zeros', 'ones', 'full', 'empty', 'eye', 'arange', 'linspace', 'rand', 'randn', 'randint',
  'zeros_like', 'ones_like', 'randn_like', 'from_array', 'manual_seed',
  'add', 'sub', 'mul', 'div', 'pow', 'neg', 'exp', 'log', 'sqrt', 'abs', 'sin', 'cos', 'tan', 'tanh', 'sigmoid', 'relu',
  'clamp', 'maximum', 'minimum', 'where', 'matmul', 'mm', 'sum', 'mean', 'max', 'min', 'prod', 'var', 'std',
  'reshape', 'transpose', 'permute', 'squeeze', 'unsqueeze', 'flatten', 'cat', 'stack', 'index_select', 'select', 'narrow',
  'softmax', 'log_softmax', 'gt', 'ge', 'lt', 'le', 'eq',
  'no_grad', 'enable_grad', 'is_grad_enabled', 'set_grad_enabled', 'set_default_device', 'get_default_device',
] as const;

const tensorMethods = [
  'size', 'dim', 'numel', 'backward', 'retain_grad', 'requires_grad_', 'detach', 'detach_', 'zero_', 'item', 'tolist',
  'clone', 'to', 'cpu', 'float', 'double', 'register_hook',
  'add', 'sub', 'mul', 'div', 'pow', 'neg', 'exp', 'log', 'sqrt', 'abs', 'sin', 'cos', 'tan', 'tanh', 'sigmoid', 'relu',
  'clamp', 'maximum', 'minimum', 'where', 'matmul', 'mm', 'sum', 'mean', 'max', 'min', 'prod', 'var', 'std',
  'reshape', 'view', 'transpose', 'permute', 'squeeze', 'unsqueeze', 'expand', 'flatten', 'index', 'select', 'narrow',
  'softmax', 'log_softmax', 'gt', 'ge', 'lt', 'le', 'eq',
  'add_', 'sub_', 'mul_', 'div_', 'fill_', 'copy_', 'clamp_', 'item_async', 'tolist_async', 'cpu_async',
] as const;

describe('API.md contract', () => {
  it('has torch.webgpu (not available in Node: no navigator.gpu)', async () => {
    for (const name of ['init', 'is_available', 'device_count', 'synchronize', 'unavailable_reason', 'adapter_name'] as const) {
      expect(typeof torch.webgpu[name]).toBe('function');
    }
    expect(await torch.webgpu.init()).toBe(false);
    expect(torch.webgpu.is_available()).toBe(false);
    expect(torch.webgpu.unavailable_reason()).toBe('this browser does not offer WebGPU (navigator.gpu is missing)');
    expect(() => torch.ones(2, { device: 'webgpu' })).toThrow("WebGPU is not available: this browser does not offer WebGPU (navigator.gpu is missing). Create the tensor on 'cpu', or call `await torch.webgpu.init()` first where WebGPU exists.");
  });

  it('awaitable reads resolve at once on the CPU', async () => {
    const x = torch.tensor([1.5, 2]);
    expect(await x.sum().item_async()).toBe(3.5);
    expect(await x.tolist_async()).toEqual([1.5, 2]);
    expect(await x.cpu_async()).toBe(x);
  });

  it('exports torch as default and named, with Tensor and Node', () => {
    expect(torchDefault).toBe(torch);
    expect(typeof Tensor).toBe('function');
    expect(typeof Node).toBe('function');
  });

  it.each(torchFunctions)('torch.%s is a function', (name) => {
    expect(typeof (torch as unknown as Record<string, unknown>)[name]).toBe('function');
  });

  it.each(tensorMethods)('Tensor.prototype.%s is a method', (name) => {
    expect(typeof (Tensor.prototype as unknown as Record<string, unknown>)[name]).toBe('function');
  });

  it('has the tensor properties', () => {
    const x = torch.ones(2, 3, { requires_grad: true });
    const y = x.mul(2);
    expect(x.shape).toEqual([2, 3]);
    expect(x.dtype).toBe('float32');
    expect(x.device).toBe('cpu');
    expect(x.requires_grad).toBe(true);
    expect(x.grad).toBeNull();
    expect(x.grad_fn).toBeNull();
    expect(y.grad_fn).toBeInstanceOf(Node);
    expect(x.is_leaf).toBe(true);
    expect(y.retains_grad).toBe(false);
    expect(x.data).toBeInstanceOf(Tensor);
    expect(x.T.shape).toEqual([3, 2]);
    expect(typeof x.id).toBe('number');
    expect(typeof y.grad_fn!.id).toBe('number');
  });

  it('has Node introspection: name, next_functions, hooks, saved tensors, AccumulateGrad.variable', () => {
    const x = torch.ones(2, { requires_grad: true });
    const y = x.mul(x);
    const fn = y.grad_fn!;
    expect(fn.name()).toBe('MulBackward0');
    expect(typeof fn.register_hook).toBe('function');
    expect(typeof fn.register_prehook).toBe('function');
    const [acc] = fn.next_functions[0];
    expect(acc!.name()).toBe('torch::autograd::AccumulateGrad');
    expect((acc as unknown as { variable: Tensor }).variable).toBe(x);
    expect((fn as unknown as { _saved_self: Tensor })._saved_self).toBe(x);
  });

  it('has torch.autograd', () => {
    for (const name of ['grad', 'backward', 'gradcheck', 'detect_anomaly'] as const) expect(typeof torch.autograd[name]).toBe('function');
  });

  it('has nn, F and optim as API.md lists them', () => {
    for (const name of ['Parameter', 'Module', 'Linear', 'ReLU', 'Sigmoid', 'Tanh', 'Sequential', 'MSELoss', 'CrossEntropyLoss'] as const) {
      expect(typeof (nn as unknown as Record<string, unknown>)[name]).toBe('function');
    }
    expect(torch.nn).toBe(nn);
    expect(nn.functional).toBe(F);
    for (const name of ['relu', 'mse_loss', 'cross_entropy', 'softmax', 'log_softmax'] as const) {
      expect(typeof (F as unknown as Record<string, unknown>)[name]).toBe('function');
    }
    expect(torch.optim).toBe(optim);
    expect(typeof optim.SGD).toBe('function');
    expect(typeof optim.Adam).toBe('function');
  });

  it('has the viewer side: torch.viz.make_dot with toDot, and traces', () => {
    const x = torch.ones(2, { requires_grad: true });
    const g = torch.viz.make_dot(x.mul(2).sum(), { params: { x } });
    expect(g.toDot()).toContain('digraph');
    expect(typeof torch.viz.traces).toBe('function');
  });
});
