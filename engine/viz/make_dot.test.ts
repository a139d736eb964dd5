import { describe, it, expect } from 'vitest';
import torch, { type Tensor } from '../index';
import { makeDotKeepingFreed, toDot, type GraphModel, type VizNode } from './make_dot';
import type { Node } from '../autograd/node';
import { OpNode } from '../autograd/function';
import { firstExample } from '../testing/fixtures';

/**
 * Expected DOT: torchviz 0.0.2's dot.py run on PyTorch 1.13 with the same programs, rendered with
 * the graphviz package's rules, object ids renamed N0, N1, ... by first appearance, including the
 * statements torchviz writes more than once for one node (a saved tensor that is also a leaf, or
 * saved twice). Node names and saved attributes are PyTorch 2.x's (engine/autograd/nodes).
 */
const YHAT = "digraph {\n\tgraph [size=\"12,12\"]\n\tnode [align=left fontname=monospace fontsize=10 height=0.2 ranksep=0.1 shape=box style=filled]\n\tN0 [label=\"\n (80, 1)\" fillcolor=darkolivegreen1]\n\tN1 [label=AddBackward0]\n\tN2 -> N1\n\tN3 [label=\"b\n (1)\" fillcolor=lightblue]\n\tN3 -> N2\n\tN2 [label=AccumulateGrad]\n\tN4 -> N1\n\tN4 [label=MulBackward0]\n\tN5 -> N4\n\tN6 [label=\"w\n (1)\" fillcolor=lightblue]\n\tN6 -> N5\n\tN5 [label=AccumulateGrad]\n\tN1 -> N0\n}\n";
const NOGRAD = "digraph {\n\tgraph [size=\"12,12\"]\n\tnode [align=left fontname=monospace fontsize=10 height=0.2 ranksep=0.1 shape=box style=filled]\n\tN0 [label=\"\n (80, 1)\" fillcolor=darkolivegreen1]\n\tN1 [label=AddBackward0]\n\tN2 -> N1\n\tN2 [label=MulBackward0]\n\tN3 -> N2\n\tN4 [label=\"w\n (1)\" fillcolor=lightblue]\n\tN4 -> N3\n\tN3 [label=AccumulateGrad]\n\tN1 -> N0\n}\n";
const LOSS = "digraph {\n\tgraph [size=\"12,12\"]\n\tnode [align=left fontname=monospace fontsize=10 height=0.2 ranksep=0.1 shape=box style=filled]\n\tN0 [label=\"\n ()\" fillcolor=darkolivegreen1]\n\tN1 [label=AddBackward0]\n\tN2 -> N1\n\tN2 [label=MeanBackward0]\n\tN3 -> N2\n\tN3 [label=PowBackward0]\n\tN4 -> N3\n\tN4 [label=SubBackward0]\n\tN5 -> N4\n\tN5 [label=AddBackward0]\n\tN6 -> N5\n\tN7 [label=\"b\n (1)\" fillcolor=lightblue]\n\tN7 -> N6\n\tN6 [label=AccumulateGrad]\n\tN8 -> N5\n\tN8 [label=MulBackward0]\n\tN9 -> N8\n\tN10 [label=\"w\n (1)\" fillcolor=lightblue]\n\tN10 -> N9\n\tN9 [label=AccumulateGrad]\n\tN11 -> N1\n\tN11 [label=MeanBackward0]\n\tN12 -> N11\n\tN12 [label=SubBackward0]\n\tN13 -> N12\n\tN13 [label=MulBackward0]\n\tN9 -> N13\n\tN1 -> N0\n}\n";
const SEED_ATTRS = "digraph {\n\tgraph [size=\"12,12\"]\n\tnode [align=left fontname=monospace fontsize=10 height=0.2 ranksep=0.1 shape=box style=filled]\n\tN0 [label=\"\n ()\" fillcolor=darkolivegreen1]\n\tN1 [label=\"MeanBackward0\n----------------------\nself_sym_numel:      4\nself_sym_sizes: (2, 2)\"]\n\tN2 -> N1\n\tN2 [label=\"MulBackward0\n---------------------\nother: [saved tensor]\nself :           None\"]\n\tN3 -> N2\n\tN3 [label=\"MulBackward0\n---------------------\nother: [saved tensor]\nself : [saved tensor]\"]\n\tN4 -> N3\n\tN4 [label=\"AddBackward0\n------------\nalpha: 1\"]\n\tN5 -> N4\n\tN6 [label=\"x\n (2, 2)\" fillcolor=lightblue]\n\tN6 -> N5\n\tN5 [label=AccumulateGrad]\n\tN4 -> N3\n\tN1 -> N0\n}\n";
const VIEW = "digraph {\n\tgraph [size=\"12,12\"]\n\tnode [align=left fontname=monospace fontsize=10 height=0.2 ranksep=0.1 shape=box style=filled]\n\tN0 [label=\"\n (2, 2)\" fillcolor=darkolivegreen1]\n\tN1 [label=TBackward0]\n\tN2 -> N1\n\tN2 [label=MulBackward0]\n\tN3 -> N2\n\tN4 [label=\"\n (2, 2)\" fillcolor=lightblue]\n\tN4 -> N3\n\tN3 [label=AccumulateGrad]\n\tN1 -> N0\n\tN5 [label=\"\n (2, 2)\" fillcolor=darkolivegreen3]\n\tN2 -> N5\n\tN5 -> N0 [style=dotted]\n}\n";
const TUPLE = "digraph {\n\tgraph [size=\"12,12\"]\n\tnode [align=left fontname=monospace fontsize=10 height=0.2 ranksep=0.1 shape=box style=filled]\n\tN0 [label=\"\n (2, 2)\" fillcolor=darkolivegreen1]\n\tN1 [label=TBackward0]\n\tN2 -> N1\n\tN3 [label=\"\n (2, 2)\" fillcolor=lightblue]\n\tN3 -> N2\n\tN2 [label=AccumulateGrad]\n\tN1 -> N0\n\tN3 -> N0 [style=dotted]\n\tN4 [label=\"\n ()\" fillcolor=darkolivegreen1]\n\tN5 [label=MeanBackward0]\n\tN6 -> N5\n\tN6 [label=MulBackward0]\n\tN7 -> N6\n\tN7 [label=MulBackward0]\n\tN8 -> N7\n\tN8 [label=AddBackward0]\n\tN2 -> N8\n\tN8 -> N7\n\tN5 -> N4\n}\n";
const SUM_ATTRS = "digraph {\n\tgraph [size=\"12,12\"]\n\tnode [align=left fontname=monospace fontsize=10 height=0.2 ranksep=0.1 shape=box style=filled]\n\tN0 [label=\"\n (2, 1)\" fillcolor=darkolivegreen1]\n\tN1 [label=\"SumBackward1\n--------------------\ndim           : (1,)\nkeepdim       : True\nself_sym_sizes: (...\"]\n\tN2 -> N1\n\tN3 [label=\"\n (2, 2)\" fillcolor=lightblue]\n\tN3 -> N2\n\tN2 [label=AccumulateGrad]\n\tN1 -> N0\n}\n";
const BIG = "digraph {\n\tgraph [size=\"12.75,12.75\"]\n\tnode [align=left fontname=monospace fontsize=10 height=0.2 ranksep=0.1 shape=box style=filled]\n\tN0 [label=\"\n (2, 2)\" fillcolor=darkolivegreen1]\n\tN1 [label=MulBackward0]\n\tN2 -> N1\n\tN2 [label=MulBackward0]\n\tN3 -> N2\n\tN3 [label=MulBackward0]\n\tN4 -> N3\n\tN4 [label=MulBackward0]\n\tN5 -> N4\n\tN5 [label=MulBackward0]\n\tN6 -> N5\n\tN6 [label=MulBackward0]\n\tN7 -> N6\n\tN7 [label=MulBackward0]\n\tN8 -> N7\n\tN8 [label=MulBackward0]\n\tN9 -> N8\n\tN9 [label=MulBackward0]\n\tN10 -> N9\n\tN10 [label=MulBackward0]\n\tN11 -> N10\n\tN11 [label=MulBackward0]\n\tN12 -> N11\n\tN12 [label=MulBackward0]\n\tN13 -> N12\n\tN13 [label=MulBackward0]\n\tN14 -> N13\n\tN14 [label=MulBackward0]\n\tN15 -> N14\n\tN15 [label=MulBackward0]\n\tN16 -> N15\n\tN16 [label=MulBackward0]\n\tN17 -> N16\n\tN17 [label=MulBackward0]\n\tN18 -> N17\n\tN18 [label=MulBackward0]\n\tN19 -> N18\n\tN19 [label=MulBackward0]\n\tN20 -> N19\n\tN20 [label=MulBackward0]\n\tN21 -> N20\n\tN21 [label=MulBackward0]\n\tN22 -> N21\n\tN22 [label=MulBackward0]\n\tN23 -> N22\n\tN23 [label=MulBackward0]\n\tN24 -> N23\n\tN24 [label=MulBackward0]\n\tN25 -> N24\n\tN25 [label=MulBackward0]\n\tN26 -> N25\n\tN26 [label=MulBackward0]\n\tN27 -> N26\n\tN27 [label=MulBackward0]\n\tN28 -> N27\n\tN28 [label=MulBackward0]\n\tN29 -> N28\n\tN29 [label=MulBackward0]\n\tN30 -> N29\n\tN30 [label=MulBackward0]\n\tN31 -> N30\n\tN31 [label=MulBackward0]\n\tN32 -> N31\n\tN32 [label=MulBackward0]\n\tN33 -> N32\n\tN33 [label=MulBackward0]\n\tN34 -> N33\n\tN34 [label=MulBackward0]\n\tN35 -> N34\n\tN35 [label=MulBackward0]\n\tN36 -> N35\n\tN36 [label=MulBackward0]\n\tN37 -> N36\n\tN37 [label=MulBackward0]\n\tN38 -> N37\n\tN38 [label=MulBackward0]\n\tN39 -> N38\n\tN39 [label=MulBackward0]\n\tN40 -> N39\n\tN40 [label=MulBackward0]\n\tN41 -> N40\n\tN42 [label=\"\n (2, 2)\" fillcolor=lightblue]\n\tN42 -> N41\n\tN41 [label=AccumulateGrad]\n\tN1 -> N0\n}\n";
const BIG2 = "digraph {\n\tgraph [size=\"12,12\"]\n\tnode [align=left fontname=monospace fontsize=10 height=0.2 ranksep=0.1 shape=box style=filled]\n\tN0 [label=\"\n (2, 2)\" fillcolor=darkolivegreen1]\n\tN1 [label=MulBackward0]\n\tN2 -> N1\n\tN2 [label=MulBackward0]\n\tN3 -> N2\n\tN3 [label=MulBackward0]\n\tN4 -> N3\n\tN4 [label=MulBackward0]\n\tN5 -> N4\n\tN5 [label=MulBackward0]\n\tN6 -> N5\n\tN6 [label=MulBackward0]\n\tN7 -> N6\n\tN7 [label=MulBackward0]\n\tN8 -> N7\n\tN8 [label=MulBackward0]\n\tN9 -> N8\n\tN9 [label=MulBackward0]\n\tN10 -> N9\n\tN10 [label=MulBackward0]\n\tN11 -> N10\n\tN11 [label=MulBackward0]\n\tN12 -> N11\n\tN12 [label=MulBackward0]\n\tN13 -> N12\n\tN13 [label=MulBackward0]\n\tN14 -> N13\n\tN14 [label=MulBackward0]\n\tN15 -> N14\n\tN15 [label=MulBackward0]\n\tN16 -> N15\n\tN16 [label=MulBackward0]\n\tN17 -> N16\n\tN17 [label=MulBackward0]\n\tN18 -> N17\n\tN18 [label=MulBackward0]\n\tN19 -> N18\n\tN19 [label=MulBackward0]\n\tN20 -> N19\n\tN20 [label=MulBackward0]\n\tN21 -> N20\n\tN21 [label=MulBackward0]\n\tN22 -> N21\n\tN22 [label=MulBackward0]\n\tN23 -> N22\n\tN23 [label=MulBackward0]\n\tN24 -> N23\n\tN24 [label=MulBackward0]\n\tN25 -> N24\n\tN25 [label=MulBackward0]\n\tN26 -> N25\n\tN26 [label=MulBackward0]\n\tN27 -> N26\n\tN27 [label=MulBackward0]\n\tN28 -> N27\n\tN28 [label=MulBackward0]\n\tN29 -> N28\n\tN29 [label=MulBackward0]\n\tN30 -> N29\n\tN30 [label=MulBackward0]\n\tN31 -> N30\n\tN31 [label=MulBackward0]\n\tN32 -> N31\n\tN32 [label=MulBackward0]\n\tN33 -> N32\n\tN33 [label=MulBackward0]\n\tN34 -> N33\n\tN35 [label=\"\n (2, 2)\" fillcolor=lightblue]\n\tN35 -> N34\n\tN34 [label=AccumulateGrad]\n\tN1 -> N0\n}\n";
const LOSS_SAVED = "digraph {\n\tgraph [size=\"12,12\"]\n\tnode [align=left fontname=monospace fontsize=10 height=0.2 ranksep=0.1 shape=box style=filled]\n\tN0 [label=\"\n ()\" fillcolor=darkolivegreen1]\n\tN1 [label=\"AddBackward0\n------------\nalpha: 1\"]\n\tN2 -> N1\n\tN2 [label=\"MeanBackward0\n-----------------------\nself_sym_numel:      80\nself_sym_sizes: (80, 1)\"]\n\tN3 -> N2\n\tN3 -> N4 [dir=none]\n\tN4 [label=\"self\n (80, 1)\" fillcolor=orange]\n\tN3 [label=\"PowBackward0\n------------------------\nexponent:              2\nself    : [saved tensor]\"]\n\tN5 -> N3\n\tN5 [label=\"SubBackward0\n------------\nalpha: 1\"]\n\tN6 -> N5\n\tN6 [label=\"AddBackward0\n------------\nalpha: 1\"]\n\tN7 -> N6\n\tN8 [label=\"b\n (1)\" fillcolor=lightblue]\n\tN8 -> N7\n\tN7 [label=AccumulateGrad]\n\tN9 -> N6\n\tN9 -> N10 [dir=none]\n\tN10 [label=\"other\n (80, 1)\" fillcolor=orange]\n\tN9 [label=\"MulBackward0\n---------------------\nother: [saved tensor]\nself :           None\"]\n\tN11 -> N9\n\tN12 [label=\"w\n (1)\" fillcolor=lightblue]\n\tN12 -> N11\n\tN11 [label=AccumulateGrad]\n\tN13 -> N1\n\tN13 [label=\"MeanBackward0\n-----------------------\nself_sym_numel:      80\nself_sym_sizes: (80, 1)\"]\n\tN14 -> N13\n\tN14 [label=\"SubBackward0\n------------\nalpha: 1\"]\n\tN15 -> N14\n\tN15 -> N10 [dir=none]\n\tN10 [label=\"other\n (80, 1)\" fillcolor=orange]\n\tN15 [label=\"MulBackward0\n---------------------\nother: [saved tensor]\nself :           None\"]\n\tN11 -> N15\n\tN1 -> N0\n}\n";
const SEED_SAVED = "digraph {\n\tgraph [size=\"12,12\"]\n\tnode [align=left fontname=monospace fontsize=10 height=0.2 ranksep=0.1 shape=box style=filled]\n\tN0 [label=\"\n ()\" fillcolor=darkolivegreen1]\n\tN1 [label=MeanBackward0]\n\tN2 -> N1\n\tN2 -> N3 [dir=none]\n\tN3 [label=\"other\n ()\" fillcolor=orange]\n\tN2 [label=MulBackward0]\n\tN4 -> N2\n\tN4 -> N5 [dir=none]\n\tN5 [label=\"other\n (2, 2)\" fillcolor=orange]\n\tN4 -> N5 [dir=none]\n\tN5 [label=\"self\n (2, 2)\" fillcolor=orange]\n\tN4 [label=MulBackward0]\n\tN6 -> N4\n\tN6 [label=AddBackward0]\n\tN7 -> N6\n\tN8 [label=\"x\n (2, 2)\" fillcolor=lightblue]\n\tN8 -> N7\n\tN7 [label=AccumulateGrad]\n\tN6 -> N4\n\tN1 -> N0\n}\n";
const EXP_SAVED = "digraph {\n\tgraph [size=\"12,12\"]\n\tnode [align=left fontname=monospace fontsize=10 height=0.2 ranksep=0.1 shape=box style=filled]\n\tN0 [label=\"\n (1)\" fillcolor=darkolivegreen1]\n\tN1 -> N2 [dir=none]\n\tN2 [label=\"result\n (1)\" fillcolor=orange]\n\tN1 [label=ExpBackward0]\n\tN3 -> N1\n\tN3 -> N4 [dir=none]\n\tN4 [label=\"other\n (1)\" fillcolor=orange]\n\tN3 -> N4 [dir=none]\n\tN4 [label=\"self\n (1)\" fillcolor=orange]\n\tN3 [label=MulBackward0]\n\tN5 -> N3\n\tN4 [label=\"\n (1)\" fillcolor=lightblue]\n\tN4 -> N5\n\tN5 [label=AccumulateGrad]\n\tN5 -> N3\n\tN1 -> N0\n}\n";

/** Our ids (`n12`, `t7`, `n12_saved_result`) renamed by first appearance, as the literals are. */
function canon(dot: string): string {
  const names = new Map<string, string>();
  return dot.replace(/(?<=\t|-> )[nt]\d+(?:_saved_\w+)?/g, (id) => {
    if (!names.has(id)) names.set(id, `N${names.size}`);
    return names.get(id)!;
  });
}

function seedData() {
  torch.manual_seed(42);
  const x_train = torch.rand(80, 1);
  const y_train = torch.mul(2, x_train).add(1);
  const b = torch.randn(1, { requires_grad: true });
  const w = torch.randn(1, { requires_grad: true });
  return { x_train, y_train, b, w };
}

function byId(model: GraphModel, id: string): VizNode {
  const node = model.nodes.find((n) => n.id === id);
  expect(node, id).toBeDefined();
  return node!;
}

describe('torch.viz.make_dot: the seed examples', () => {
  it('yhat = b + w * x_train: light blue b and w, grey ops, a green output from AddBackward0', () => {
    const { x_train, b, w } = seedData();
    const yhat = b.add(w.mul(x_train));
    const dot = torch.viz.make_dot(yhat, { params: { b, w } });
    const add = yhat.grad_fn!;
    const mul = add.next_functions[1][0]!;

    expect(byId(dot, `t${b.id}`)).toMatchObject({ kind: 'leaf', fillcolor: 'lightblue', label: 'b\n (1)', name: 'b', tensorId: b.id, shape: [1] });
    expect(byId(dot, `t${w.id}`)).toMatchObject({ kind: 'leaf', fillcolor: 'lightblue', label: 'w\n (1)', name: 'w' });
    expect(byId(dot, `n${mul.id}`)).toMatchObject({ kind: 'op', fillcolor: 'lightgrey', label: 'MulBackward0', nodeId: mul.id });
    expect(byId(dot, `n${b._accumulator!.id}`)).toMatchObject({ kind: 'op', label: 'AccumulateGrad' });
    expect(byId(dot, `t${yhat.id}`)).toMatchObject({ kind: 'output', fillcolor: 'darkolivegreen1', label: '\n (80, 1)', shape: [80, 1] });
    expect(byId(dot, `t${yhat.id}`).name).toBeUndefined();
    expect(dot.edges.map((e) => [e.from, e.to])).toContainEqual([`n${add.id}`, `t${yhat.id}`]);
    expect(dot.edges.map((e) => [e.from, e.to])).toContainEqual([`t${b.id}`, `n${b._accumulator!.id}`]);
    expect(dot.nodes.some((n) => n.tensorId === x_train.id)).toBe(false);
    expect(canon(dot.toDot())).toBe(YHAT);
  });

  it('b_nograd + w * x_train has no b box', () => {
    const { x_train, b, w } = seedData();
    const b_nograd = torch.randn(1, { requires_grad: false });
    const dot = torch.viz.make_dot(b_nograd.add(w.mul(x_train)), { params: { b, w } });
    expect(dot.nodes.filter((n) => n.kind === 'leaf').map((n) => n.label)).toEqual(['w\n (1)']);
    expect(canon(dot.toDot())).toBe(NOGRAD);
  });

  it('the control-flow loss: both branches end in the one AccumulateGrad of w', () => {
    const { x_train, y_train, b, w } = seedData();
    const yhat = b.add(w.mul(x_train));
    const error = y_train.sub(yhat);
    const loss = error.pow(2).mean();
    let error2: Tensor | null = null;
    if (loss.gt(0).item()) {
      const yhat2 = w.mul(x_train);
      error2 = y_train.sub(yhat2);
    }
    loss.add_(error2!.mean());
    const dot = torch.viz.make_dot(loss, { params: { b, w } });
    expect(dot.nodes.filter((n) => n.kind === 'op').map((n) => n.label)).toEqual([
      'AddBackward0', 'MeanBackward0', 'PowBackward0', 'SubBackward0', 'AddBackward0', 'AccumulateGrad',
      'MulBackward0', 'AccumulateGrad', 'MeanBackward0', 'SubBackward0', 'MulBackward0',
    ]);
    expect(dot.edges.filter((e) => e.from === `n${w._accumulator!.id}`)).toHaveLength(2);
    expect(canon(dot.toDot())).toBe(LOSS);
  });

  it('names the first example\'s x and writes the show_attrs tables as torchviz', () => {
    const { x, out } = firstExample();
    const dot = torch.viz.make_dot(out, { params: { x }, show_attrs: true });
    expect(byId(dot, `n${out.grad_fn!.id}`).label).toBe('MeanBackward0\n----------------------\nself_sym_numel:      4\nself_sym_sizes: (2, 2)');
    expect(canon(dot.toDot())).toBe(SEED_ATTRS);
    expect(x._name).toBe('x');
  });

  it('truncates long attributes to max_attr_chars', () => {
    const x = torch.ones(2, 2, { requires_grad: true });
    const dot = torch.viz.make_dot(x.sum(1, true), { show_attrs: true, max_attr_chars: 4 });
    expect(canon(dot.toDot())).toBe(SUM_ATTRS);
  });
});

describe('torch.viz.make_dot: saved tensors, views, several outputs', () => {
  it('show_saved adds orange nodes joined to their op by undirected edges', () => {
    const { x, y, z, out } = firstExample();
    const dot = torch.viz.make_dot(out, { params: { x }, show_saved: true });
    const saved = dot.nodes.filter((n) => n.kind === 'saved');
    // y * y saves y as self and as other: one tensor, one box; `* 3` saves the wrapped 3.
    expect(saved.map((n) => [n.label, n.fillcolor, n.name])).toEqual([
      ['other\n ()', 'orange', 'other'],
      ['self\n (2, 2)', 'orange', 'self'],
    ]);
    expect(saved[1].tensorId).toBe(y.id);
    const square = z.grad_fn!.next_functions[0][0]!;
    expect(dot.edges.filter((e) => e.dir === 'none' && e.from === `n${square.id}`).map((e) => e.to)).toEqual([`t${y.id}`, `t${y.id}`]);
    expect(canon(dot.toDot())).toBe(SEED_SAVED);
  });

  it('a saved own output is a box of its own; a saved leaf is the leaf\'s box', () => {
    const w = torch.ones(1, { requires_grad: true });
    const e = w.mul(w).exp();
    const dot = torch.viz.make_dot(e, { show_saved: true });
    expect(byId(dot, `n${e.grad_fn!.id}_saved_result`)).toMatchObject({ kind: 'saved', label: 'result\n (1)', tensorId: e.id });
    expect(byId(dot, `t${w.id}`)).toMatchObject({ kind: 'leaf', fillcolor: 'lightblue' });
    expect(canon(dot.toDot())).toBe(EXP_SAVED);
  });

  it('show_saved and show_attrs on the control-flow loss', () => {
    const { x_train, y_train, b, w } = seedData();
    const loss = y_train.sub(b.add(w.mul(x_train))).pow(2).mean();
    loss.add_(y_train.sub(w.mul(x_train)).mean());
    const dot = torch.viz.make_dot(loss, { params: { b, w }, show_saved: true, show_attrs: true });
    expect(canon(dot.toDot())).toBe(LOSS_SAVED);
  });

  it('an output that is a view gets its base in darkolivegreen3 with a dotted edge', () => {
    const x = torch.ones(2, 2, { requires_grad: true });
    const doubled = x.mul(2);
    const v = doubled.t();
    const dot = torch.viz.make_dot(v);
    expect(byId(dot, `t${doubled.id}`)).toMatchObject({ kind: 'output', fillcolor: 'darkolivegreen3' });
    expect(dot.edges.find((e) => e.style === 'dotted')).toMatchObject({ from: `t${doubled.id}`, to: `t${v.id}` });
    expect(canon(dot.toDot())).toBe(VIEW);
  });

  it('takes several outputs', () => {
    const { x, out } = firstExample();
    const dot = torch.viz.make_dot([x.t(), out]);
    expect(dot.nodes.filter((n) => n.fillcolor === 'darkolivegreen1')).toHaveLength(2);
    expect(canon(dot.toDot())).toBe(TUPLE);
  });

  it('grows the size attribute with the graph as resize_graph does', () => {
    const build = (n: number) => {
      let h = torch.ones(2, 2, { requires_grad: true });
      for (let i = 0; i < n; i++) h = h.mul(1.5);
      return torch.viz.make_dot(h);
    };
    expect(canon(build(40).toDot())).toBe(BIG);
    expect(canon(build(33).toDot())).toBe(BIG2);
    expect(build(40).size).toBe('12.75,12.75');
  });

  it('fails as PyTorch does when saved tensors are shown after the graph was freed', () => {
    const { out } = firstExample();
    out.backward();
    expect(() => torch.viz.make_dot(out, { show_saved: true })).toThrow(/Trying to backward through the graph a second time/);
    expect(() => torch.viz.make_dot(out, { show_attrs: true })).toThrow(/Trying to backward through the graph a second time/);
    expect(torch.viz.make_dot(out).nodes).toHaveLength(7);
  });

  it('draws freed saved tensors from kept references, marked freed, where torchviz would raise', () => {
    const { x, out } = firstExample();
    const before = torch.viz.make_dot(out, { show_saved: true });
    // What each node saved, read before backward frees it (the playground's runner keeps these).
    const kept = new Map<Node, [string, unknown][]>();
    const walk = (fn: Node | null) => {
      if (!fn || kept.has(fn)) return;
      kept.set(fn, fn instanceof OpNode ? fn._saved_keys().map((k) => [k, fn._unpack(k)]) : []);
      for (const [next] of fn.next_functions) walk(next);
    };
    walk(out.grad_fn);
    out.backward();
    const after = makeDotKeepingFreed(out, { show_saved: true }, (fn) => kept.get(fn) ?? null);
    const plain = (m: GraphModel) => m.nodes.map(({ freed: _freed, ...n }) => n);
    expect(plain(after)).toEqual(plain(before));
    expect(after.edges).toEqual(before.edges);
    const saved = after.nodes.filter((n) => n.kind === 'saved');
    expect(saved.length).toBeGreaterThan(0);
    expect(saved.every((n) => n.freed === true)).toBe(true);
    expect(after.nodes.find((n) => n.id === `t${x.id}`)?.freed).toBeUndefined();
    expect(before.nodes.some((n) => n.freed)).toBe(false);
    expect(() => makeDotKeepingFreed(out, { show_saved: true }, () => null)).toThrow(/Trying to backward through the graph a second time/);
  });
});

describe('torch.viz.make_dot: the model', () => {
  it('is plain data: a structured clone keeps everything but toDot, which toDot(model) replaces', () => {
    const { x, out } = firstExample();
    const dot = torch.viz.make_dot(out, { params: { x }, show_saved: true });
    const clone = structuredClone(dot) as GraphModel;
    expect(clone).toEqual({ nodes: dot.nodes, edges: dot.edges, size: dot.size });
    expect('toDot' in clone).toBe(false);
    expect(Object.keys(dot)).toEqual(['nodes', 'edges', 'size']);
    expect(toDot(clone)).toBe(dot.toDot());
    expect(JSON.parse(JSON.stringify(dot))).toEqual(clone);
  });

  it('uses the engine ids, so the same graph drawn twice has the same ids', () => {
    const { out } = firstExample();
    const a = torch.viz.make_dot(out);
    const b = torch.viz.make_dot(out);
    expect(b).toEqual(a);
    expect(new Set(a.nodes.map((n) => n.id)).size).toBe(a.nodes.length);
    for (const n of a.nodes) expect(n.id).toBe(n.kind === 'op' ? `n${n.nodeId}` : `t${n.tensorId}`);
  });

  it('quotes ids and labels as the graphviz package does', () => {
    const model: GraphModel = {
      nodes: [
        { id: 'graph', kind: 'op', label: 'say "hi"', fillcolor: 'lightgrey', order: 0 },
        { id: 'n1', kind: 'saved', label: 'a b', fillcolor: 'orange', order: 1 },
      ],
      edges: [{ from: 'n1', to: 'graph', dir: 'none', order: 2 }],
      size: '12,12',
    };
    expect(toDot(model)).toBe(
      'digraph {\n\tgraph [size="12,12"]\n\tnode [align=left fontname=monospace fontsize=10 height=0.2 ranksep=0.1 shape=box style=filled]\n' +
        '\t"graph" [label="say \\"hi\\""]\n\tn1 [label="a b" fillcolor=orange]\n\tn1 -> "graph" [dir=none]\n}\n',
    );
  });

  it('draws a graph of any depth (no recursion): a chain of 30,000 ops, in torchviz\'s order', () => {
    const x = torch.ones(1, { requires_grad: true });
    let y = x;
    for (let i = 0; i < 30_000; i++) y = y.mul(1);
    const model = torch.viz.make_dot(y, { show_saved: true });
    expect(model.nodes.filter((n) => n.kind === 'op')).toHaveLength(30_001);
    // Depth first from the output, each op's saved tensors before it: the chain comes out top down.
    const ops = model.nodes.filter((n) => n.kind === 'op').sort((a, b) => a.order - b.order);
    expect(ops[0].nodeId).toBe(y.grad_fn!.id);
    expect(ops.at(-1)!.label).toBe('AccumulateGrad');
    expect(model.toDot().split('\n').length).toBeGreaterThan(90_000);
  });
});
