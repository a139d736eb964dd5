/**
 * The binder refuses what Python refuses, with PyTorch's TypeError text to the character: each
 * case of binding_errors.json is a JavaScript call and its Python twin, whose exception
 * engine/bind/gen_binding_errors.py recorded from real PyTorch (with 2.x's rewording, see there).
 */
import { describe, it, expect } from 'vitest';
import torch, { nn, F, optim } from '../index';
import data from './binding_errors.json';

function errorOf(js: string): string {
  const run = new Function('torch', 'nn', 'F', 'optim', `${data.setup.js}\n${js};`) as (...a: unknown[]) => unknown;
  try {
    run(torch, nn, F, optim);
  } catch (e) {
    const err = e as Error;
    return `${err.name}: ${err.message}`;
  }
  return 'no error';
}

describe('binding errors, as PyTorch words them', () => {
  for (const c of data.cases as { py: string; js: string; expected: string }[]) {
    it(c.py, () => expect(errorOf(c.js)).toBe(c.expected));
  }

  it('are torch.TypeError, also a JavaScript TypeError', () => {
    let caught: unknown = null;
    try {
      torch.ones(2).sum({ dims: 1 } as never);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(torch.TypeError);
    expect(caught).toBeInstanceOf(TypeError);
  });
});
