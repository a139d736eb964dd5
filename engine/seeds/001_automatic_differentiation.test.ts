import { describe, it, expect } from 'vitest';
import { automaticDifferentiation } from './examples';
import { runSnippet } from './run_snippet';
import type { GraphModel, VizNode } from '../viz/make_dot';

function example(id: string) {
  const ex = automaticDifferentiation.find((e) => e.id === id);
  if (!ex) throw new Error(`no example ${id}`);
  return ex;
}

/** Runs an example with lines appended that print what the article leaves unprinted. */
function runWith(id: string, probe: string): string {
  const run = runSnippet(`${example(id).source}\n${probe}`);
  expect(run.error).toBeNull();
  return run.stdout;
}

/** The graph as `from -> to` lines, each box named by its kind and its label. */
function edgesOf(graph: GraphModel): string[] {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const name = (id: string): string => {
    const n = byId.get(id) as VizNode;
    return `${n.kind} ${n.label.trim()}`;
  };
  return graph.edges.map((e) => `${name(e.from)} -> ${name(e.to)}`).sort();
}

function colorsOf(graph: GraphModel): string[] {
  return graph.nodes.map((n) => `${n.kind} ${n.label.trim()}: ${n.fillcolor}`).sort();
}

function graphOf(id: string): GraphModel {
  const run = runSnippet(example(id).source);
  expect(run.error).toBeNull();
  expect(run.dots).toHaveLength(1);
  return run.dots[0] as GraphModel;
}

describe('seed article 001: Automatic Differentiation in PyTorch', () => {
  for (const ex of automaticDifferentiation) {
    it(`${ex.id} ${ex.title}`, () => {
      const run = runSnippet(ex.source);
      expect(run.error?.message ?? null).toBe(ex.error ?? null);
      expect(run.stdout).toBe(ex.expected);
    });
  }

  // The article prints nothing for these; the values are PyTorch's for the same program.
  it('001-1 draws b and w from the seeded generator', () => {
    expect(runWith('001-1', 'print(b, w);')).toBe('tensor([0.3367], requires_grad=True) tensor([0.1288], requires_grad=True)\n');
  });

  it('001-5 updates b and w once', () => {
    expect(runWith('001-5', 'print(b, w);')).toBe('tensor([0.6709], requires_grad=True) tensor([0.3380], requires_grad=True)\n');
  });

  it('001-6 trains b and w towards 1 and 2', () => {
    expect(runWith('001-6', 'print(b, w);')).toBe('tensor([1.0761], requires_grad=True) tensor([1.8873], requires_grad=True)\n');
  });

  it('001-9 adds the second branch into the loss in place', () => {
    expect(runWith('001-9', 'print(loss);')).toBe('tensor(5.1774, grad_fn=<AddBackward0>)\n');
  });

  // The edge lists are real PyTorch's graphs (a walk of next_functions, torchviz's rules). torchviz
  // 0.0.2 draws the output as its own green box fed by AddBackward0; the article's image, from an
  // older torchviz, colours AddBackward0 itself green.
  it('001-7 make_dot(yhat): b and w, MulBackward0 into AddBackward0', () => {
    const graph = graphOf('001-7');
    expect(edgesOf(graph)).toEqual([
      'leaf (1) -> op AccumulateGrad',
      'leaf (1) -> op AccumulateGrad',
      'op AccumulateGrad -> op AddBackward0',
      'op AccumulateGrad -> op MulBackward0',
      'op AddBackward0 -> output (80, 1)',
      'op MulBackward0 -> op AddBackward0',
    ]);
    expect(colorsOf(graph)).toEqual([
      'leaf (1): lightblue',
      'leaf (1): lightblue',
      'op AccumulateGrad: lightgrey',
      'op AccumulateGrad: lightgrey',
      'op AddBackward0: lightgrey',
      'op MulBackward0: lightgrey',
      'output (80, 1): darkolivegreen1',
    ]);
  });

  it('001-8 make_dot(yhat) without a gradient for b has no box for it', () => {
    const graph = graphOf('001-8');
    expect(edgesOf(graph)).toEqual([
      'leaf (1) -> op AccumulateGrad',
      'op AccumulateGrad -> op MulBackward0',
      'op AddBackward0 -> output (80, 1)',
      'op MulBackward0 -> op AddBackward0',
    ]);
    expect(graph.nodes.filter((n) => n.fillcolor === 'lightblue')).toHaveLength(1);
  });

  it('001-9 make_dot(loss): the if branch joins the loss in an AddBackward0', () => {
    const graph = graphOf('001-9');
    expect(edgesOf(graph)).toEqual([
      'leaf (1) -> op AccumulateGrad',
      'leaf (1) -> op AccumulateGrad',
      'op AccumulateGrad -> op AddBackward0',
      'op AccumulateGrad -> op MulBackward0',
      'op AccumulateGrad -> op MulBackward0',
      'op AddBackward0 -> op SubBackward0',
      'op AddBackward0 -> output ()',
      'op MeanBackward0 -> op AddBackward0',
      'op MeanBackward0 -> op AddBackward0',
      'op MulBackward0 -> op AddBackward0',
      'op MulBackward0 -> op SubBackward0',
      'op PowBackward0 -> op MeanBackward0',
      'op SubBackward0 -> op MeanBackward0',
      'op SubBackward0 -> op PowBackward0',
    ]);
    expect(graph.nodes.filter((n) => n.kind === 'output').map((n) => n.fillcolor)).toEqual(['darkolivegreen1']);
  });
});
