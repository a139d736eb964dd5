/**
 * The fidelity corpus: small tutorial-style programs, each a TypeScript snippet and its Python
 * twin (engine/corpus/cases/*.case), the expected text being what the twin prints with real
 * PyTorch (engine/corpus/gen_expected.py). A snippet matches when it prints the same to the
 * character (object addresses aside); an uncaught exception ends the text with
 * `ExceptionName: message`, as the playground's console shows it.
 *
 * Every case must match, except the ones listed in KNOWN with the reason; a listed case that
 * starts matching fails too, so the list stays true.
 */
import { describe, it, expect } from 'vitest';
import { runSnippet, maskAddresses } from '../seeds/run_snippet';
import { loadCases } from './cases';

/** What the snippet prints, ended by its uncaught exception as the console shows it. */
export function output(source: string): string {
  const run = runSnippet(source);
  let text = run.stdout;
  if (run.error) text += run.error.name && run.error.name !== 'Error' ? `${run.error.name}: ${run.error.message}\n` : `${run.error.message}\n`;
  return maskAddresses(text);
}

const SHAPE =
  "prints a shape: x.shape is a plain number[] in JavaScript (API.md), printed as a tuple, where PyTorch prints torch.Size([...])";
const DTYPE = 'prints a dtype: a dtype is a string in JavaScript (API.md), where PyTorch prints torch.float32';

/** Cases that do not match yet, and why (each a documented difference, README "What differs"). */
const KNOWN: Record<string, string> = {
  '001-create-and-print': `${SHAPE}; and ${DTYPE}`,
  '003-int-tensors': DTYPE,
  '004-dtype-promotion': DTYPE,
  '008-bool-tensors': DTYPE,
  '043-view-reshape': SHAPE,
  '044-transpose-permute': SHAPE,
  '045-squeeze-unsqueeze-flatten': SHAPE,
  '046-cat-stack': SHAPE,
  '065-module-subclass': SHAPE,
  '101-item-values': 'JavaScript has one number type: 1.0 is 1, so a float item() of 1 prints as 1 (README "Numbers from JavaScript")',
  '112-outer-dot-mv': SHAPE,
  '113-bmm-grad': SHAPE,
  '120-print-tuple-list': SHAPE,
  '122-big-tensor-print': SHAPE,
  '125-matmul-shapes': SHAPE,
  '148-movedim-swapaxes': SHAPE,
};

describe('the fidelity corpus matches PyTorch to the character', () => {
  const cases = loadCases();

  it('has 100 cases or more, each with its Python twin and expected text', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
    for (const c of cases) expect(c.ts && c.py, c.id).toBeTruthy();
  });

  for (const c of cases) {
    it(c.id, () => {
      const got = output(c.ts);
      const want = maskAddresses(c.expected);
      if (c.id in KNOWN) expect(got, `${c.id} now matches: take it off KNOWN`).not.toBe(want);
      else expect(got).toBe(want);
    });
  }
});
