/**
 * Runs a playground snippet in Node the way the playground's runner does: the snippet text is the
 * body of a function of the snippet globals (torch, nn, F, optim, print, make_dot), and print()
 * writes Python's rendering of its arguments as one line of stdout.
 */
import { torch } from '../index';
import { formatPrintArgs } from '../format';
import { transform } from 'sucrase';

export interface SnippetRun {
  /** Everything print() wrote, each call's line ending in '\n', as Python's stdout would hold it. */
  stdout: string;
  /** What the snippet threw, or null; stdout keeps what was printed before it. */
  error: Error | null;
  /** The value make_dot returned on each call (torch.viz's graph model), in call order. */
  dots: unknown[];
}

type MakeDot = (...args: unknown[]) => unknown;

/** The snippet's make_dot: torch.viz.make_dot, with each graph model kept for the caller. */
function makeDotOf(dots: unknown[]): MakeDot {
  const makeDot = torch.viz.make_dot as MakeDot;
  return (...args) => {
    const dot = makeDot(...args);
    dots.push(dot);
    return dot;
  };
}

export function runSnippet(source: string): SnippetRun {
  let stdout = '';
  const dots: unknown[] = [];
  const print = (...args: unknown[]): void => {
    stdout += formatPrintArgs(args) + '\n';
  };
  let error: Error | null = null;
  try {
    // Snippets are TypeScript, as in the playground, whose runner strips the types the same way.
    const code = transform(source, { transforms: ['typescript'] }).code;
    const body = new Function('torch', 'nn', 'F', 'optim', 'print', 'make_dot', code);
    body(torch, torch.nn, torch.nn.functional, torch.optim, print, makeDotOf(dots));
  } catch (e) {
    error = e instanceof Error ? e : new Error(String(e));
  }
  return { stdout, error, dots };
}

/** Autograd nodes print with their address, which differs from run to run (and from PyTorch's). */
export function maskAddresses(text: string): string {
  return text.replace(/0x[0-9a-f]+/g, '0x…');
}
