import { describe, it, expect } from 'vitest';
import torch from '../../engine';
import type { Tensor } from '../../engine/tensor';
import { formatPyValue } from '../../engine/format';
import type { GraphView } from '../runner/protocol';
import { describeSelection, nodeRepr, FREED_NOTE, type InspectorView } from './describe';
import { firstExample } from '../../engine/testing/fixtures';


/** What the worker posts: make_dot's model and the snapshot, through a structured clone. */
function graphView(out: Tensor, opts: { params?: Record<string, Tensor>; names?: Record<string, Tensor>; show_saved?: boolean } = {}): GraphView {
  const model = torch.viz.make_dot(out, { params: opts.params, show_saved: opts.show_saved });
  const snapshot = torch.viz.snapshot_graph([out], opts.names ?? opts.params ?? {});
  return structuredClone({ id: 'g1', title: 'make_dot(out)', model, snapshot, nodeLines: {} });
}

function select(graph: GraphView, id: string): InspectorView {
  const view = describeSelection(graph, id);
  expect(view).not.toBeNull();
  return view!;
}

function row(view: InspectorView, label: string) {
  return view.rows.find((r) => r.label === label);
}

describe('describeSelection', () => {
  it('shows nothing without a graph, a selection, or a drawn node of that id', () => {
    const { out } = firstExample();
    const graph = graphView(out);
    expect(describeSelection(null, 'n1')).toBeNull();
    expect(describeSelection(graph, null)).toBeNull();
    expect(describeSelection(graph, 'n999999')).toBeNull();
  });

  it('lists next_functions of MulBackward0 in z = y*y*3 as PyTorch prints them, each pointing at its node', () => {
    const { z, out } = firstExample();
    const graph = graphView(out);
    const fn = z.grad_fn!;
    const square = fn.next_functions[0][0]!;
    const view = select(graph, `n${fn.id}`);

    expect(view).toMatchObject({ kind: 'op', title: 'MulBackward0', subtitle: 'grad_fn node' });
    expect(view.nextFunctionsText).toMatch(/^\(\(<MulBackward0 object at 0x[0-9a-f]+>, 0\), \(None, 0\)\)$/);
    // Exactly what `print(z.grad_fn.next_functions)` prints in the console.
    expect(view.nextFunctionsText).toBe(formatPyValue(fn.next_functions));
    expect(view.nextFunctions).toEqual([
      { text: `(${String(square)}, 0)`, name: 'MulBackward0', outputNr: 0, targetId: `n${square.id}` },
      { text: '(None, 0)', name: null, outputNr: 0, targetId: null },
    ]);
    expect(row(view, 'repr')!.value).toBe(String(fn));
  });

  it('writes a one-element next_functions with its trailing comma', () => {
    const { z, out } = firstExample();
    const view = select(graphView(out), `n${out.grad_fn!.id}`);
    expect(view.nextFunctionsText).toBe(`((${String(z.grad_fn)}, 0),)`);
    expect(view.saved.map((s) => [s.attr, s.repr])).toEqual([['_saved_self_sym_numel', '4'], ['_saved_self_sym_sizes', '(2, 2)']]);
  });

  it('writes node reprs with the addresses the engine prints', () => {
    const { x, y, z, out } = firstExample();
    for (const fn of [out.grad_fn!, z.grad_fn!, y.grad_fn!, y.grad_fn!.next_functions[0][0]!]) {
      expect(nodeRepr(fn.name(), fn.id)).toBe(String(fn));
    }
    expect(x.grad_fn).toBeNull();
  });

  it('shows AccumulateGrad with the leaf it accumulates into', () => {
    const { x, y, out } = firstExample();
    const graph = graphView(out, { params: { x } });
    const acc = y.grad_fn!.next_functions[0][0]!;
    const view = select(graph, `n${acc.id}`);
    expect(view).toMatchObject({ title: 'AccumulateGrad', nextFunctionsText: '()', nextFunctions: [], saved: [] });
    expect(row(view, 'name()')!.value).toBe('torch::autograd::AccumulateGrad');
    expect(view.blocks).toEqual([
      { label: 'variable', text: 'tensor([[1., 1.],\n        [1., 1.]], requires_grad=True)', targetId: `t${x.id}` },
    ]);
  });

  it('shows a leaf tensor with its fields, and its .grad after backward', () => {
    const { x, out } = firstExample();
    const before = select(graphView(out, { params: { x } }), `t${x.id}`);
    expect(before).toMatchObject({ kind: 'leaf', title: 'x', subtitle: 'leaf tensor', nextFunctionsText: null });
    expect(before.rows).toEqual([
      { label: 'shape', value: 'torch.Size([2, 2])' },
      { label: 'dtype', value: 'torch.float32' },
      { label: 'requires_grad', value: 'True' },
      { label: 'is_leaf', value: 'True' },
      { label: 'retains_grad', value: 'False' },
      { label: 'grad_fn', value: 'None' },
    ]);
    expect(before.blocks).toEqual([
      { label: 'value', text: 'tensor([[1., 1.],\n        [1., 1.]], requires_grad=True)' },
      { label: '.grad', text: 'None' },
    ]);

    out.backward();
    const after = select(graphView(out, { params: { x } }), `t${x.id}`);
    expect(after.blocks[1]).toEqual({ label: '.grad', text: 'tensor([[4.5000, 4.5000],\n        [4.5000, 4.5000]])' });
  });

  it('shows an unnamed output by its size, with its grad_fn as a link', () => {
    const { out } = firstExample();
    const view = select(graphView(out), `t${out.id}`);
    expect(view).toMatchObject({ kind: 'output', title: 'Tensor ()' });
    expect(row(view, 'grad_fn')).toEqual({ label: 'grad_fn', value: String(out.grad_fn), targetId: `n${out.grad_fn!.id}` });
    expect(row(view, 'is_leaf')!.value).toBe('False');
    expect(view.blocks[0].text).toBe('tensor(27., grad_fn=<MeanBackward0>)');
  });

  it('lists saved values with their reprs and the boxes show_saved draws for them', () => {
    const { y, z, out } = firstExample();
    const graph = graphView(out, { show_saved: true });
    const square = z.grad_fn!.next_functions[0][0]!;
    const yRepr = 'tensor([[3., 3.],\n        [3., 3.]], grad_fn=<AddBackward0>)';
    expect(select(graph, `n${square.id}`).saved).toEqual([
      { attr: '_saved_self', kind: 'tensor', repr: yRepr, note: null, targetIds: [`t${y.id}`] },
      { attr: '_saved_other', kind: 'tensor', repr: yRepr, note: null, targetIds: [`t${y.id}`] },
    ]);
    expect(select(graph, `n${y.grad_fn!.id}`).saved).toEqual([{ attr: '_saved_alpha', kind: 'value', repr: '1', note: null, targetIds: [] }]);
    expect(select(graph, `n${z.grad_fn!.id}`).saved.map((s) => [s.attr, s.repr])).toEqual([['_saved_self', 'None'], ['_saved_other', 'tensor(3)']]);

    // The saved box of y: who saved it, under which names.
    const saved = select(graph, `t${y.id}`);
    expect(saved).toMatchObject({ kind: 'saved', subtitle: 'saved tensor', title: 'Tensor (2, 2)' });
    expect(saved.rows[0]).toEqual({ label: 'saved by', value: 'MulBackward0._saved_self, _saved_other', targetId: `n${square.id}` });
  });

  it('notes saved tensors freed by backward', () => {
    const { y, z, out } = firstExample();
    const model = torch.viz.make_dot(out, { show_saved: true });
    out.backward();
    const graph: GraphView = structuredClone({ id: 'g', title: '', model, snapshot: torch.viz.snapshot_graph([out]), nodeLines: {} });
    const square = z.grad_fn!.next_functions[0][0]!;
    const view = select(graph, `n${square.id}`);
    expect(view.saved.map((s) => [s.attr, s.kind, s.note])).toEqual([
      ['_saved_self', 'unavailable', FREED_NOTE],
      ['_saved_other', 'unavailable', FREED_NOTE],
    ]);
    expect(FREED_NOTE).toBe('freed after backward (retain_graph=True keeps it)');
    // Non-tensor saved values outlive backward.
    expect(select(graph, `n${y.grad_fn!.id}`).saved[0]).toMatchObject({ attr: '_saved_alpha', repr: '1', note: null });

    const savedBox = select(graph, `t${y.id}`);
    expect(savedBox.rows).toEqual([
      { label: 'saved by', value: 'MulBackward0._saved_self', targetId: `n${square.id}` },
      { label: 'shape', value: 'torch.Size([2, 2])' },
    ]);
    expect(savedBox.notes).toEqual([`Saved for backward, then ${FREED_NOTE}.`]);
  });

  it('reports a saved tensor changed in place with PyTorch\'s error', () => {
    const a = torch.ones(3, { requires_grad: true });
    const b = a.mul(2);
    const c = b.mul(b);
    b.add_(1);
    const [self] = select(graphView(c), `n${c.grad_fn!.id}`).saved;
    expect(self.note).toMatch(/^one of the variables needed for gradient computation has been modified by an inplace operation/);
  });

  it('points a saved own output at its own box', () => {
    const a = torch.ones(3, { requires_grad: true });
    const e = a.exp();
    const s = e.sum();
    const graph = graphView(s, { show_saved: true });
    const id = `n${e.grad_fn!.id}_saved_result`;
    expect(select(graph, `n${e.grad_fn!.id}`).saved[0]).toMatchObject({ attr: '_saved_result', targetIds: [id] });
    expect(select(graph, id).rows[0]).toEqual({ label: 'saved by', value: 'ExpBackward0._saved_result', targetId: `n${e.grad_fn!.id}` });
  });
});
