import { describe, it, expect } from 'vitest';
import { understandingAutograd } from './examples';
import { runSnippet } from './run_snippet';

// Each example's expected output is PyTorch 1.13's own (see examples.ts for where the article differs).
describe('seed article 000: Understanding Autograd', () => {
  for (const ex of understandingAutograd) {
    it(`${ex.id} ${ex.title}`, () => {
      const run = runSnippet(ex.source);
      expect(run.error).toBeNull();
      expect(run.stdout).toBe(ex.expected);
    });
  }
});
