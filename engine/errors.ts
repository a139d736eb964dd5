/**
 * PyTorch's exception classes, as `torch.RuntimeError`, `torch.IndexError`, ...: `Error` subclasses
 * whose `name` is the Python class name, so a console that prints `${name}: ${message}` shows what
 * Python shows. The hierarchy is Python's where it matters to `catch`: NotImplementedError is a
 * RuntimeError, and TypeError is also JavaScript's own TypeError.
 *
 * Which class an error takes follows PyTorch's C++ macros: TORCH_CHECK raises RuntimeError,
 * TORCH_CHECK_INDEX IndexError, TORCH_CHECK_VALUE ValueError, TORCH_CHECK_TYPE TypeError,
 * TORCH_CHECK_NOT_IMPLEMENTED NotImplementedError; Python code raises what it raises.
 */

/** The class name is set on the prototype, not read from the constructor (a bundler renames classes). */
function named<T extends abstract new (...args: never[]) => Error>(cls: T, name: string): T {
  Object.defineProperty(cls.prototype, 'name', { value: name, writable: true, configurable: true, enumerable: false });
  Object.defineProperty(cls, 'name', { value: name });
  return cls;
}

export class RuntimeError extends Error {}
export class IndexError extends Error {}
export class ValueError extends Error {}
export class TypeError extends globalThis.TypeError {}
export class NotImplementedError extends RuntimeError {}
/** Python's own, for a number out of range (`int(float('inf'))`). */
export class OverflowError extends Error {}
/** Python's own, raised by nn.Module's Python code (`register_buffer` with a bad name, a missing submodule). */
export class KeyError extends Error {}
export class AttributeError extends Error {}

named(RuntimeError, 'RuntimeError');
named(IndexError, 'IndexError');
named(ValueError, 'ValueError');
named(TypeError, 'TypeError');
named(NotImplementedError, 'NotImplementedError');
named(OverflowError, 'OverflowError');
named(KeyError, 'KeyError');
named(AttributeError, 'AttributeError');
