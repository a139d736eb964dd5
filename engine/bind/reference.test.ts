/**
 * The signature table is PyTorch 2.x's own: engine/bind/reference.json holds what a running
 * PyTorch 2.x declares for each name of the table (engine/bind/gen_reference.py), and every entry
 * must agree with it: a Python function's parameters, names and defaults; a C++ function's visible
 * overloads as PyTorch prints them, in its order; a single-signature function's parser string; a
 * method that takes no arguments.
 */
import { describe, it, expect } from 'vitest';
import reference from './reference.json';
import { SIGNATURES, NOARGS, type SignatureKey } from './signatures';
import { NativeParser } from './native';

type Ref = { def: string } | { noargs: true } | { listing: string[] } | { single: string[] } | null;
const ENTRIES = reference.entries as Record<string, Ref>;

/** Names PyTorch does not have (or has for something else): the engine's own, and why. */
const ENGINE_ONLY: Partial<Record<SignatureKey, string>> = {
  'torch.from_array': 'JavaScript typed arrays in, as from_numpy takes NumPy arrays',
  'torch.from_numpy': "takes a typed array and its shape (PyTorch's takes a NumPy array, its only argument)",
  'torch.format': "the playground's rendering of print() arguments",
  'torch.cpu_async': 'reads a WebGPU tensor without blocking the page',
  'Tensor.item_async': 'reads a WebGPU tensor without blocking the page',
  'Tensor.tolist_async': 'reads a WebGPU tensor without blocking the page',
  'Tensor.cpu_async': 'reads a WebGPU tensor without blocking the page',
  'Tensor.index': "Python's x[...] (2.x has an unrelated internal Tensor.index(positions, dims))",
  'torch.index': "Python's x[...] as a function",
  'torch.slice': "Python's start:stop:step inside x[...]",
  'viz.make_dot': 'torchviz.make_dot (torchviz/dot.py, not installed with PyTorch): def make_dot(var, params=None, show_attrs=False, show_saved=False, max_attr_chars=50)',
  'autograd.is_anomaly_enabled': "PyTorch's torch.is_anomaly_enabled, also under autograd",
  // The Tensor methods that API.md also offers as torch.* functions, with the method's signature.
  'torch.add_': 'Tensor.add_ as a function (API.md)',
  'torch.sub_': 'Tensor.sub_ as a function (API.md)',
  'torch.mul_': 'Tensor.mul_ as a function (API.md)',
  'torch.div_': 'Tensor.div_ as a function (API.md)',
  'torch.pow_': 'Tensor.pow_ as a function (API.md)',
  'torch.copy_': 'Tensor.copy_ as a function (API.md)',
  'torch.sum_to_size': 'Tensor.sum_to_size as a function (API.md)',
  'torch.view': 'Tensor.view as a function (API.md)',
  'torch.expand': 'Tensor.expand as a function (API.md)',
  'torch.expand_as': 'Tensor.expand_as as a function (API.md)',
  'torch.contiguous': 'Tensor.contiguous as a function (API.md)',
  'torch.to': 'Tensor.to as a function (API.md)',
  'torch.cpu': 'Tensor.cpu as a function (API.md; torch.cpu is a module in PyTorch)',
  'torch.view_as': 'Tensor.view_as as a function (API.md)',
  'torch.reshape_as': 'Tensor.reshape_as as a function (API.md)',
  'torch.repeat': 'Tensor.repeat as a function (API.md)',
  'Tensor.rsub': 'torch.rsub as a method (2.x has no Tensor.rsub)',
};

/** Python context managers and the like that JavaScript takes as a function to run instead. */
const ADAPTED: Partial<Record<SignatureKey, string>> = {
  'torch.no_grad': 'a context manager / decorator in Python: here it runs the given function',
  'torch.enable_grad': 'a context manager / decorator in Python: here it runs the given function',
  'autograd.detect_anomaly': 'a context manager / decorator in Python: here it runs the given function',
  'torch.set_grad_enabled': 'a class in Python (also a context manager): here a function',
  'autograd.set_detect_anomaly': 'a class in Python (also a context manager): here a function',
  // 2.x's Module.__init__(self, *args, **kwargs) raises CPython's texts for a class without its own
  // __init__ (`Sigmoid.__init__() takes 1 positional argument but 2 were given`): as this def does.
  'data.random_split': "generator's default is torch.default_generator in PyTorch (an object): here None stands for it",
  'data.Generator': 'a C++ class in PyTorch (`Generator(device=None)`): here its one parameter, device, CPU only',
  'nn.Module': 'Module.__init__(*args, **kwargs) refuses any argument, naming the class',
  'nn.Sigmoid': 'Module.__init__(*args, **kwargs) refuses any argument, naming the class',
  'nn.Tanh': 'Module.__init__(*args, **kwargs) refuses any argument, naming the class',
};

/** A Python def line as inspect gives it: single-quoted strings, no `: dict` marks. */
function normalizeDef(line: string): string {
  return line.replace(/: dict/g, '').replace(/"/g, "'");
}

describe('the signature table is PyTorch 2.x', () => {
  it(`was read from PyTorch ${reference.torch}`, () => {
    expect(reference.torch.startsWith('2.')).toBe(true);
  });

  for (const [key, spec] of Object.entries(SIGNATURES) as [SignatureKey, string | readonly string[]][]) {
    it(key, () => {
      const ref = ENTRIES[key];
      expect(key in ENTRIES, `${key}: run engine/bind/gen_reference.py`).toBe(true);
      if (key in ENGINE_ONLY || key in ADAPTED) return;
      expect(ref, `${key} is not PyTorch's: list it in ENGINE_ONLY with the reason`).not.toBeNull();
      if (ref === null) return;
      if ('def' in ref) {
        expect(typeof spec).toBe('string');
        expect(normalizeDef(spec as string)).toBe(ref.def);
      } else if ('noargs' in ref) {
        expect(typeof spec === 'string' && spec.split(' ')[0]).toBe(NOARGS);
      } else {
        expect(Array.isArray(spec), `${key} is PyTorch's C++ function`).toBe(true);
        const visible = new NativeParser(spec as string[]).signatures.filter((s) => !s.hidden);
        if ('listing' in ref) expect(visible.map((s) => s.toString())).toEqual(ref.listing);
        else {
          expect(visible.length, `${key}: PyTorch has one signature`).toBe(1);
          for (const raw of spec as string[]) expect(ref.single).toContain(raw);
        }
      }
    });
  }
});
