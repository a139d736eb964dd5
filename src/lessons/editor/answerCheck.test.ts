import { describe, expect, it } from 'vitest';
import { runSnippet } from '../../../engine/seeds/run_snippet';
import { builtInLessons } from '../index';
import { snippetSource } from '../schema';
import { checkProgram, compareAnswer, outputAfterMarker } from './answerCheck';

const MARKER = '__gradlab_answer_test__';

/** The check's program run in the engine, its stdout read back as the page's console lines. */
function check(source: string, expression: string, answer: string) {
  const run = runSnippet(checkProgram(source, expression, 'typescript', MARKER));
  const lines = run.stdout.split('\n').slice(0, -1).map((text) => ({ kind: 'out' as const, text }));
  const output = outputAfterMarker(lines, MARKER);
  return output === null ? null : compareAnswer(answer, output);
}

describe('the editor\'s answer check', () => {
  it('accepts every built-in prediction: each answer is what its snippet prints', () => {
    for (const l of builtInLessons) {
      for (const step of l.steps.filter((s) => s.predict)) {
        expect(check(snippetSource(step.snippet), step.predict!.expression, step.predict!.answer), `${l.id}: ${step.title}`).toEqual({ kind: 'match', output: expect.any(String) });
      }
    }
  });

  it('shows what the snippet really prints when the answer differs', () => {
    const source = 'const x = torch.ones(2, {requires_grad: true});\nx.mul(3).sum().backward()';
    expect(check(source, 'x.grad', 'tensor([2., 2.])')).toEqual({ kind: 'mismatch', output: 'tensor([3., 3.])' });
    expect(check(source, 'x.grad', 'tensor([3., 3.])')).toEqual({ kind: 'match', output: 'tensor([3., 3.])' });
  });

  it('reads only what the expression printed, after the snippet\'s own prints (a last line without `;` included)', () => {
    const lines = ['a', MARKER, 'b', 'c'].map((text) => ({ kind: 'out' as const, text }));
    expect(outputAfterMarker(lines, MARKER)).toBe('b\nc');
    expect(outputAfterMarker([{ kind: 'out', text: 'a' }], MARKER)).toBeNull();
    expect(check('print("x")\nconst y = 2', 'y', '2')).toEqual({ kind: 'match', output: '2' });
  });

  it('compares node addresses masked', () => {
    expect(compareAnswer('<MulBackward0 object at 0x7f01>', '<MulBackward0 object at 0x55aa>')).toEqual({ kind: 'match', output: '<MulBackward0 object at 0x55aa>' });
  });
});
