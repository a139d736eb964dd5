import { describe, it, expect } from 'vitest';
import { torch, nn, F, type Tensor } from '../index';
import ref from './losses_reference.json';

type Case = { name: string; reduction: string; repr: string; value32: unknown; graph: (string | null)[]; grad_input: unknown; grad_target?: unknown };
type Call = (x: Tensor, t: Tensor, reduction: string) => Tensor;

const w = (x: Tensor) => torch.tensor(ref.W, { dtype: x.dtype });
const CALLS: Record<string, Call> = {
  binary_cross_entropy: (x, t, r) => F.binary_cross_entropy(x, t, { reduction: r as 'mean' }),
  'binary_cross_entropy weight': (x, t, r) => F.binary_cross_entropy(x, t, { weight: w(x), reduction: r as 'mean' }),
  binary_cross_entropy_with_logits: (x, t, r) => F.binary_cross_entropy_with_logits(x, t, { reduction: r as 'mean' }),
  'binary_cross_entropy_with_logits pos_weight weight': (x, t, r) => F.binary_cross_entropy_with_logits(x, t, { weight: w(x), pos_weight: w(x).mul(2), reduction: r as 'mean' }),
  l1_loss: (x, t, r) => F.l1_loss(x, t, { reduction: r as 'mean' }),
  smooth_l1_loss: (x, t, r) => F.smooth_l1_loss(x, t, { reduction: r as 'mean' }),
  'smooth_l1_loss beta=0.5': (x, t, r) => F.smooth_l1_loss(x, t, { reduction: r as 'mean', beta: 0.5 }),
  'smooth_l1_loss beta=0': (x, t, r) => F.smooth_l1_loss(x, t, { reduction: r as 'mean', beta: 0 }),
  huber_loss: (x, t, r) => F.huber_loss(x, t, { reduction: r as 'mean' }),
  'huber_loss delta=0.7': (x, t, r) => F.huber_loss(x, t, { reduction: r as 'mean', delta: 0.7 }),
  kl_div: (x, t, r) => F.kl_div(x, t, { reduction: r as 'mean' }),
  'kl_div log_target': (x, t, r) => F.kl_div(x, t, { reduction: r as 'mean', log_target: true }),
  nll_loss: (x, t, r) => F.nll_loss(x, t, { reduction: r as 'mean' }),
  'nll_loss weight': (x, t, r) => F.nll_loss(x, t, { weight: w(x), reduction: r as 'mean' }),
  'cross_entropy label_smoothing': (x, t, r) => F.cross_entropy(x, t, { reduction: r as 'mean', label_smoothing: 0.1 }),
  'cross_entropy label_smoothing weight': (x, t, r) => F.cross_entropy(x, t, { weight: w(x), reduction: r as 'mean', label_smoothing: 0.2 }),
  'cross_entropy probabilities label_smoothing': (x, t, r) => F.cross_entropy(x, t, { reduction: r as 'mean', label_smoothing: 0.1 }),
};

/** The graph's node names depth-first, as the generator lists them. */
function names(root: Tensor): (string | null)[] {
  const out: (string | null)[] = [];
  const stack = [root.grad_fn];
  while (stack.length) {
    const f = stack.pop()!;
    if (f === null) {
      out.push(null);
      continue;
    }
    out.push(f.name());
    stack.push(...f.next_functions.map(([n]) => n).reverse());
  }
  return out;
}

function expectClose(got: unknown, want: unknown, label: string, rtol = 1e-9): void {
  const g = (got as number[]).flat(3) as number[];
  const e = (want as number[]).flat(3) as number[];
  expect(g.length, label).toBe(e.length);
  g.forEach((v, i) => expect(Math.abs(v - e[i]), `${label}[${i}]: ${v} vs ${e[i]}`).toBeLessThan(rtol * Math.max(1, Math.abs(e[i]))));
}

describe('losses match PyTorch 2.x: printed value (float32), graph and float64 gradients, every reduction', () => {
  for (const c of ref.cases as Case[]) {
    it(`${c.name}, reduction=${c.reduction}`, () => {
      const call = CALLS[c.name];
      const labels = c.name.startsWith('nll') || (c.name.startsWith('cross_entropy') && !c.name.includes('probabilities'));
      const inputData = c.name.startsWith('binary_cross_entropy') && !c.name.includes('logits') ? ref.P : ref.X;
      const target32 = labels ? torch.tensor(ref.LABELS.map(BigInt)) : torch.tensor(ref.T);
      const loss32 = call(torch.tensor(inputData, { requires_grad: true }), target32, c.reduction).detach();
      // A reduced float32 loss can differ in its last bit: the engine's float32 sum does not add in
      // the order of PyTorch's vectorised kernel (7.30625010 against 7.30624962 for one of these).
      if (c.reduction === 'none') expect(String(loss32)).toBe(c.repr);
      expectClose([loss32.tolist()], [c.value32], 'float32 value', 1e-6);

      const x = torch.tensor(inputData, { dtype: 'float64', requires_grad: true });
      const targetGrad = c.grad_target !== undefined;
      const t = labels ? torch.tensor(ref.LABELS.map(BigInt)) : torch.tensor(ref.T, { dtype: 'float64', requires_grad: targetGrad });
      const out = call(x, t, c.reduction);
      expect(names(out)).toEqual(c.graph);
      const grads = torch.autograd.grad([out.sum()], targetGrad ? [x, t] : [x]);
      expectClose(grads[0]!.tolist(), c.grad_input, 'grad_input');
      if (targetGrad) expectClose(grads[1]!.tolist(), c.grad_target, 'grad_target');
    });
  }
});

describe('losses: gradcheck and gradgradcheck in float64', () => {
  const GRADCHECK = { eps: 1e-6, atol: 1e-5, rtol: 1e-3 };
  it('every dedicated backward, on input and target, and through its own backward (double backward)', () => {
    torch.manual_seed(3);
    const x = torch.randn([3, 4], { dtype: 'float64', requires_grad: true });
    const p = torch.rand([3, 4], { dtype: 'float64' }).mul(0.8).add(0.1).requires_grad_();
    const t = torch.rand([3, 4], { dtype: 'float64', requires_grad: true });
    const wt = torch.rand([4], { dtype: 'float64' });
    const fns: [string, (a: Tensor, b: Tensor) => Tensor, Tensor][] = [
      ['bce', (a, b) => F.binary_cross_entropy(a, b, { weight: wt }), p],
      ['bce logits', (a, b) => F.binary_cross_entropy_with_logits(a, b, { pos_weight: wt.add(0.5), reduction: 'sum' }), x],
      ['smooth l1', (a, b) => F.smooth_l1_loss(a, b, { beta: 0.3 }), x],
      ['huber', (a, b) => F.huber_loss(a, b, { delta: 0.4, reduction: 'none' }), x],
      ['kl log_target', (a, b) => F.kl_div(a, b, { reduction: 'batchmean', log_target: true }), x],
    ];
    for (const [label, fn, input] of fns) {
      expect(torch.autograd.gradcheck(fn, [input, t], GRADCHECK), label).toBe(true);
      // Double backward: the gradient w.r.t. the input, differentiated again by finite differences.
      const gradOf = (a: Tensor, b: Tensor) => torch.autograd.grad([fn(a, b).sum()], [a], { create_graph: true })[0]!;
      expect(torch.autograd.gradcheck(gradOf, [input, t], GRADCHECK), `${label} (double backward)`).toBe(true);
    }
  });
});

describe('loss modules', () => {
  it('print as PyTorch prints them and keep weight / pos_weight as buffers in state_dict', () => {
    expect(String(nn.BCEWithLogitsLoss({ pos_weight: torch.ones(2) }))).toBe('BCEWithLogitsLoss()');
    expect(String(nn.SmoothL1Loss({ beta: 0.5 }))).toBe('SmoothL1Loss()');
    expect(String(nn.HuberLoss({ delta: 2 }))).toBe('HuberLoss()');
    expect(Object.keys(nn.BCEWithLogitsLoss({ pos_weight: torch.ones(2) }).state_dict())).toEqual(['pos_weight']);
    expect(Object.keys(nn.NLLLoss(torch.ones(3)).state_dict())).toEqual(['weight']);
    expect(Object.keys(nn.NLLLoss().state_dict())).toEqual([]);
  });

  it('compute what the functions compute', () => {
    const x = torch.tensor(ref.X);
    const t = torch.tensor(ref.T);
    const same = (a: Tensor, b: Tensor) => expect(a.tolist()).toEqual(b.tolist());
    same(nn.L1Loss({ reduction: 'sum' })(x, t), F.l1_loss(x, t, { reduction: 'sum' }));
    same(nn.SmoothL1Loss({ beta: 0.5 })(x, t), F.smooth_l1_loss(x, t, { beta: 0.5 }));
    same(nn.HuberLoss('none', 0.3)(x, t), F.huber_loss(x, t, 'none', 0.3));
    same(nn.KLDivLoss({ reduction: 'batchmean' })(x, t), F.kl_div(x, t, { reduction: 'batchmean' }));
    same(nn.BCEWithLogitsLoss({ pos_weight: torch.ones(4).mul(2) })(x, t), F.binary_cross_entropy_with_logits(x, t, { pos_weight: torch.ones(4).mul(2) }));
    same(nn.BCELoss()(torch.tensor(ref.P), t), F.binary_cross_entropy(torch.tensor(ref.P), t));
    const labels = torch.tensor(ref.LABELS.map(BigInt));
    same(nn.NLLLoss({ reduction: 'sum' })(x, labels), F.nll_loss(x, labels, { reduction: 'sum' }));
    same(nn.CrossEntropyLoss({ label_smoothing: 0.1 })(x, labels), F.cross_entropy(x, labels, { label_smoothing: 0.1 }));
  });

  it("raise PyTorch's errors", () => {
    const x = torch.tensor(ref.X);
    const t = torch.tensor(ref.T);
    expect(() => F.binary_cross_entropy(x, t)).toThrow('all elements of input should be between 0 and 1');
    expect(() => F.binary_cross_entropy(torch.tensor(ref.P), t.index(null, torch.slice(0, 2)))).toThrow(
      'Using a target size (torch.Size([3, 2])) that is different to the input size (torch.Size([3, 4])) is deprecated. Please ensure they have the same size.',
    );
    expect(() => F.binary_cross_entropy_with_logits(x, t.index(torch.slice(0, 2)))).toThrow('Target size (torch.Size([2, 4])) must be the same as input size (torch.Size([3, 4]))');
    expect(() => F.smooth_l1_loss(x, t, { beta: -1 })).toThrow('smooth_l1_loss does not support negative values for beta.');
    expect(() => F.huber_loss(x, t, { delta: -1 })).toThrow('huber_loss does not support non-positive values for delta.');
    expect(() => F.kl_div(x, t, { reduction: 'foo' as 'mean' })).toThrow('foo is not a valid value for reduction');
    expect(() => F.cross_entropy(x, torch.tensor([0n, 1n, 2n]), { label_smoothing: 1.5 })).toThrow('label_smoothing must be between 0.0 and 1.0. Got: 1.5');
    expect(() => F.l1_loss(x, t.index(torch.slice(0, 2)))).toThrow('The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 0');
  });
});
