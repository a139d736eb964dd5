/**
 * The ops the parity suite checks on WebGPU against the CPU: small shapes, broadcasting, views.
 * Inputs are made on the CPU (requires_grad marks the ones whose gradient is compared) and moved
 * to the device under test.
 */
import { torch, F, nn, optim, type Tensor } from '../../engine';

export interface ParityCase {
  name: string;
  inputs: () => Tensor[];
  run: (inputs: Tensor[], device: 'cpu' | 'webgpu') => Tensor | Tensor[];
}

const rg = { requires_grad: true };
const randn = (...shape: number[]) => torch.randn(shape, rg);
const positive = (...shape: number[]) => torch.rand(shape).add(0.5).requires_grad_();

function unary(name: string, f: (x: Tensor) => Tensor, make: () => Tensor = () => randn(3, 4)): ParityCase {
  return { name, inputs: () => [make()], run: ([x]) => f(x) };
}

function binary(name: string, f: (a: Tensor, b: Tensor) => Tensor, shapes: [number[], number[]] = [[3, 4], [4]]): ParityCase {
  return { name, inputs: () => [torch.randn(shapes[0], rg), torch.randn(shapes[1], rg)], run: ([a, b]) => f(a, b) };
}

export const cases: ParityCase[] = [
  binary('add', (a, b) => a.add(b)),
  binary('add alpha', (a, b) => a.add(b, { alpha: 0.5 })),
  binary('sub', (a, b) => a.sub(b), [[2, 1, 3], [4, 1]]),
  binary('mul', (a, b) => a.mul(b)),
  binary('div', (a, b) => a.div(b.abs().add(0.5))),
  binary('maximum', (a, b) => a.maximum(b)),
  binary('minimum', (a, b) => a.minimum(b)),
  binary('pow tensor', (a, b) => a.abs().add(0.5).pow(b), [[3, 4], [3, 4]]),
  unary('add scalar', (x) => x.add(2)),
  unary('rsub scalar', (x) => torch.sub(2, x)),
  unary('mul scalar', (x) => torch.mul(2, x)),
  unary('div scalar', (x) => torch.div(3, x.abs().add(1))),
  unary('pow 2', (x) => x.pow(2)),
  unary('pow 3', (x) => x.pow(3)),
  unary('pow -1.5', (x) => x.pow(-1.5), () => positive(3, 4)),
  unary('neg', (x) => x.neg()),
  unary('exp', (x) => x.exp()),
  unary('log', (x) => x.log(), () => positive(3, 4)),
  unary('sqrt', (x) => x.sqrt(), () => positive(3, 4)),
  unary('abs', (x) => x.abs()),
  unary('sin', (x) => x.sin()),
  unary('cos', (x) => x.cos()),
  unary('tan', (x) => x.tan()),
  unary('tanh', (x) => x.tanh()),
  unary('sigmoid', (x) => x.sigmoid()),
  unary('relu', (x) => x.relu()),
  unary('clamp', (x) => x.clamp(-0.5, 0.5)),
  unary('clamp min', (x) => x.clamp(0)),
  unary('reciprocal', (x) => x.reciprocal(), () => positive(3, 4)),
  unary('log1p', (x) => x.log1p(), () => positive(3, 4)),
  unary('rsqrt', (x) => x.rsqrt(), () => positive(3, 4)),
  {
    name: 'where',
    inputs: () => [randn(3, 4), randn(3, 4)],
    run: ([a, b]) => torch.where(a.gt(b), a, b),
  },
  {
    name: 'comparisons',
    inputs: () => [torch.randn(3, 4), torch.randn(4)],
    run: ([a, b]) => [a.gt(b), a.ge(b), a.lt(b), a.le(b), a.eq(a), a.ne(b)],
  },
  unary('transpose view', (x) => x.t().mul(2)),
  unary('expand view', (x) => x.unsqueeze(0).expand(2, 3, 4).mul(x)),
  {
    name: 'in-place',
    inputs: () => [torch.randn(3, 4)],
    run: ([x]) => {
      const y = x.clone();
      y.mul_(2).add_(1).sub_(x).clamp_(-1, 1);
      return y;
    },
  },
  unary('cast', (x) => x.gt(0).float().mul(x)),
  // ---- linalg, indexing, nn
  binary('mm odd sizes', (a, b) => a.mm(b), [[67, 45], [45, 71]]),
  binary('mm tile multiples', (a, b) => a.mm(b), [[128, 64], [64, 64]]),
  binary('mm transposed operands', (a, b) => a.t().mm(b.t()), [[33, 70], [65, 33]]),
  binary('mm long inner dim', (a, b) => a.mm(b), [[5, 300], [300, 9]]),
  binary('mm empty inner dim', (a, b) => a.mm(b), [[3, 0], [0, 4]]),
  binary('bmm', (a, b) => a.bmm(b), [[3, 17, 9], [3, 9, 13]]),
  binary('bmm transposed batch', (a, b) => a.transpose(1, 2).bmm(b), [[2, 9, 17], [2, 9, 5]]),
  binary('matmul broadcast batch', (a, b) => a.matmul(b), [[2, 1, 5, 7], [3, 7, 4]]),
  binary('matmul folded 3d @ 2d', (a, b) => a.matmul(b), [[2, 5, 7], [7, 3]]),
  binary('matmul 2d @ 3d', (a, b) => a.matmul(b), [[5, 7], [2, 7, 3]]),
  binary('matmul 3d @ 1d', (a, b) => a.matmul(b), [[2, 5, 7], [7]]),
  binary('matmul 1d @ 3d', (a, b) => a.matmul(b), [[5], [2, 5, 3]]),
  binary('matmul vec @ mat', (a, b) => a.matmul(b), [[6], [6, 70]]),
  binary('mv', (a, b) => a.mv(b), [[70, 6], [6]]),
  binary('mv transposed', (a, b) => a.t().mv(b), [[6, 70], [6]]),
  binary('dot', (a, b) => a.dot(b), [[100], [100]]),
  binary('dot strided', (a, b) => a.index(torch.slice(null, null, 2)).dot(b), [[20], [10]]),
  {
    name: 'addmm beta alpha',
    inputs: () => [randn(70), randn(5, 6), randn(6, 70)],
    run: ([c, a, b]) => torch.addmm(c, a, b, { beta: 0.5, alpha: 2 }),
  },
  {
    name: 'addmm column bias',
    inputs: () => [randn(65, 1), randn(65, 6), randn(6, 3)],
    run: ([c, a, b]) => torch.addmm(c, a, b),
  },
  {
    name: 'addmm beta 0',
    inputs: () => [torch.full([4, 3], NaN), randn(4, 6), randn(6, 3)],
    run: ([c, a, b]) => torch.addmm(c, a, b, { beta: 0 }),
  },
  {
    name: 'linear 2d and 3d',
    inputs: () => [randn(4, 5), randn(2, 3, 5), randn(7, 5), randn(7)],
    run: ([x, x3, w, bias]) => [F.linear(x, w, bias), F.linear(x3, w, bias), F.linear(x3.transpose(0, 1), w, null)],
  },
  many('narrow select views', (x) => [x.narrow(1, 1, 2).mul(2), x.select(0, -1).mul(3), x.index(torch.slice(null, null, 2), -1)]),
  many('split chunk unbind', (x) => [...x.split(2, 1).map((p) => p.mul(2)), x.chunk(2, 0)[1].exp(), x.unbind(1)[2].mul(4)]),
  {
    name: 'cat stack',
    inputs: () => [randn(2, 3), randn(4, 3), randn(0)],
    run: ([a, b, e]) => [torch.cat([a, b, e], 0), torch.cat([a.t(), b.t()], 1), torch.stack([a, b.narrow(0, 1, 2)], 1)],
  },
  {
    name: 'index_select',
    inputs: () => [randn(4, 5), torch.tensor([3, 0, 3, 1], i64)],
    run: ([x, i]) => [x.index_select(1, i), x.t().index_select(0, i)],
  },
  {
    name: 'gather',
    inputs: () => [randn(4, 5), torch.tensor([[0, 4, 4], [1, 1, 0], [3, 2, 3]], i64)],
    run: ([x, i]) => [x.gather(1, i), x.t().gather(0, i)],
  },
  {
    name: 'advanced index',
    inputs: () => [randn(4, 5, 3), torch.tensor([[0, 3], [3, -1]], i64), torch.tensor([1, 1], i64)],
    run: ([x, i, j]) => [x.index(i), x.index(null, j, i.index(0).clamp(0, 2)), x.index(i, null, j), x.index(torch.slice(1), [4, 0, 4])],
  },
  {
    name: 'bool mask index',
    inputs: () => [randn(3, 4), torch.rand([3, 4]).gt(0.5), torch.tensor([true, false, true])],
    run: ([x, m, r]) => [x.index(m), x.index(r), x.index(null, torch.tensor([true, false, true, true]))],
  },
  {
    name: 'masked_fill',
    inputs: () => [randn(3, 4), torch.rand([4]).gt(0.5), torch.tensor(2.5, rg)],
    run: ([x, m, v]) => [x.masked_fill(m, -1), x.masked_fill(m, v), x.gt(0).masked_fill(m, true)],
  },
  many('repeat flip roll', (x) => [x.repeat(2, 1, 3), x.t().flip(0, 1), x.roll(2), x.t().roll([1, -1], [0, 1])]),
  many('tril triu', (x) => [x.tril(), x.triu(1), x.unsqueeze(0).expand(2, 3, 4).tril(-1)]),
  {
    name: 'mse_loss',
    inputs: () => [randn(3, 4), randn(3, 4), randn(4)],
    run: ([a, b, c]) => [F.mse_loss(a, b), F.mse_loss(a, c, { reduction: 'sum' }), F.mse_loss(a.t(), b.t(), { reduction: 'none' })],
  },
  {
    name: 'nll_loss',
    inputs: () => [randn(5, 4), torch.tensor([1, 0, 3, 3, 2], i64), torch.rand([4]).add(0.5)],
    run: ([x, t, w]) => [
      F.nll_loss(x, t),
      F.nll_loss(x, t, { weight: w, ignore_index: 3 }),
      F.nll_loss(x, t, { reduction: 'none' }),
      F.nll_loss(x, t, { weight: w, reduction: 'sum' }),
      F.nll_loss(x.index(0), t.index(0)),
    ],
  },
  {
    name: 'nll_loss 4d',
    inputs: () => [randn(2, 3, 2, 2), torch.randint(0, 3, [2, 2, 2])],
    run: ([x, t]) => [F.nll_loss(x, t), F.nll_loss(x, t, { reduction: 'none' })],
  },
  {
    name: 'cross_entropy',
    inputs: () => [randn(5, 4), torch.tensor([1, 0, 3, 3, 2], i64)],
    run: ([x, t]) => [F.cross_entropy(x, t), F.cross_entropy(x, t, { reduction: 'none' })],
  },
  {
    name: 'binary cross entropy (with logits, pos_weight)',
    inputs: () => [randn(3, 4), torch.rand([3, 4], rg), torch.rand([4]).add(0.5)],
    run: ([x, t, w]) => [
      F.binary_cross_entropy(x.sigmoid(), t),
      F.binary_cross_entropy(x.sigmoid(), t, { weight: w, reduction: 'none' }),
      F.binary_cross_entropy_with_logits(x, t),
      F.binary_cross_entropy_with_logits(x, t, { pos_weight: w, reduction: 'sum' }),
    ],
  },
  {
    name: 'l1, smooth l1, huber, kl_div',
    inputs: () => [randn(3, 4), randn(3, 4)],
    run: ([x, t]) => [
      F.l1_loss(x, t),
      F.smooth_l1_loss(x, t, { beta: 0.5, reduction: 'none' }),
      F.huber_loss(x, t, { delta: 0.7, reduction: 'sum' }),
      F.kl_div(x.log_softmax(1), t.softmax(1), { reduction: 'batchmean' }),
      F.kl_div(x, t, { log_target: true, reduction: 'none' }),
    ],
  },
  {
    name: 'cross_entropy label_smoothing',
    inputs: () => [randn(5, 4), torch.tensor([1, 0, 3, 3, 2], i64)],
    run: ([x, t]) => [F.cross_entropy(x, t, { label_smoothing: 0.1 }), F.cross_entropy(x, t, { label_smoothing: 0.2, reduction: 'sum' })],
  },
  mlpCase('mlp AdamW MSELoss', (p) => optim.AdamW(p, { lr: 0.01, amsgrad: true }), false),
  mlpCase('mlp RMSprop centered momentum MSELoss', (p) => optim.RMSprop(p, { lr: 0.01, momentum: 0.5, centered: true }), false),
  mlpCase('mlp Adagrad CrossEntropyLoss', (p) => optim.Adagrad(p, { lr: 0.1, lr_decay: 0.01 }), true),
  mlpCase('mlp SGD momentum MSELoss', (p) => new optim.SGD(p, { lr: 0.1, momentum: 0.9 }), false),
  mlpCase('mlp Adam MSELoss', (p) => new optim.Adam(p, { lr: 0.01 }), false),
  mlpCase('mlp Adam CrossEntropyLoss', (p) => new optim.Adam(p, { lr: 0.01, amsgrad: true, weight_decay: 0.1 }), true),
  // ---- reductions and softmax
  reduction('sum full', (x) => x.sum()),
  reduction('sum dim -1 keepdim', (x) => x.sum(-1, true)),
  reduction('sum dims of transpose', (x) => x.t().sum([-1])),
  reduction('sum 3d dims keepdim', (x) => x.sum([0, 2], true), () => randn(2, 3, 4)),
  reduction('sum expanded', (x) => x.expand(5, 3, 4).sum(0), () => randn(3, 4)),
  reduction('mean dims', (x) => [x.mean(), x.mean(1), x.mean([0, 2], true)], () => randn(2, 3, 4)),
  reduction('mean transpose', (x) => x.t().mean(-1)),
  intCase('sum int64', (x) => [x.sum(), x.sum(1), x.t().sum(-1, true)]),
  intCase('sum bool', (x) => [x.gt(0).sum(), x.gt(0).sum(0)]),
  reduction('prod full', (x) => x.prod(), () => positive(3, 4)),
  reduction('prod dim', (x) => [x.prod(1), x.prod(-2, true), x.t().prod(0)], () => positive(3, 4)),
  listCase('prod one zero', [[1.5, 0, 2], [0.5, 2, -1], [3, 0, 0]], (x) => [x.prod(1), x.prod(0, true)]),
  listCase('prod full one zero', [[1.5, 0, 2], [0.5, 2, -1]], (x) => x.prod()),
  listCase('prod full two zeros', [[1.5, 0, 2], [0.5, 0, -1]], (x) => x.prod()),
  intCase('prod int64', (x) => [x.prod(), x.prod(0), x.prod(1, { dtype: 'float32' })]),
  reduction('max full', (x) => x.max()),
  reduction('min full of transpose', (x) => x.t().min()),
  listCase('max full ties', [[1, 3, 3], [-2, 3, 0]], (x) => [x.max(), x.min()]),
  listCase('max full nan', [[1, NaN, 3], [-2, 3, NaN]], (x) => x.max(), false),
  reduction('max dim', (x) => [...x.max(1), ...x.max(0, true)]),
  reduction('min dim negative of transpose', (x) => [...x.t().min(-1), ...x.t().min(-2, true)]),
  listCase('max dim ties', [[1, 3, 3, 0], [2, 2, -1, 2], [5, 1, 5, 5]], (x) => [...x.max(1), ...x.min(0), ...x.max(-1, true)]),
  reduction('max dim 3d', (x) => x.max(1).values.add(x.max(-1, true).indices.float().sum()), () => randn(2, 3, 4)),
  listCase('max dim nan', [[1, NaN, 3], [NaN, NaN, 0]], (x) => [...x.max(1), ...x.min(1)], false),
  reduction('max 0-dim', (x) => [...x.sum().max(0), x.sum().max()]),
  reduction('amax amin', (x) => [x.amax(), x.amax([0, 2]), x.amin(-1, true), x.transpose(0, 2).amax(1)], () => randn(2, 3, 4)),
  listCase('amax ties', [[1, 3, 3], [3, -2, 3]], (x) => [x.amax(), x.amax(1), x.amin(0, true)]),
  listCase('argmax ties', [[1, 3, 3, 0], [2, 2, -1, 2], [5, 1, 5, 5]], (x) => [x.argmax(), x.argmin(), x.argmax(1), x.argmin(0, true), x.t().argmax(-1), x.argmax(null, true)], false),
  listCase('argmax nan', [[1, NaN, 3], [NaN, 2, NaN]], (x) => [x.argmax(), x.argmax(1), x.argmin(0)], false),
  intCase('argmax int64', (x) => [x.argmax(), x.argmin(1), x.t().argmax(0, true)]),
  reduction('var std', (x) => [x.var(), x.std(), x.var(1), x.std(0, false), x.var([0, 2], true, true)], () => randn(2, 3, 4)),
  reduction('var correction', (x) => [x.var(1, { correction: 0 }), x.std(-1, { correction: 2, keepdim: true }), x.var(false)], () => randn(3, 5)),
  reduction('var transpose', (x) => [x.t().var(-1), x.t().std(0, true, true)]),
  reduction('var divisor 0', (x) => [x.var(1, { correction: 4 }), x.std(1, { correction: 5 })], () => torch.randn([2, 4])),
  reduction('logsumexp', (x) => [x.logsumexp(1), x.logsumexp([0, 2], true), x.transpose(1, 2).logsumexp(-1)], () => randn(2, 3, 4)),
  listCase('logsumexp large and inf', [[1000, 1001, 999], [-Infinity, -Infinity, -Infinity], [Infinity, 0, 1]], (x) => x.logsumexp(1), false),
  intCase('logsumexp int64', (x) => x.logsumexp(0)),
  reduction('norm', (x) => [x.norm(), x.norm(1, 1), x.norm(3, -1, true), x.norm('fro', [0, 1]), x.t().norm(2, 0)]),
  reduction('norm inf and 0', (x) => [x.norm(Infinity, 1), x.norm(-Infinity), x.norm(0, 0)]),
  reduction('norm fractional', (x) => [x.norm(0.5, 1), x.norm(1.5), x.norm({ p: 4, dim: [0, 1], keepdim: true })], () => positive(3, 4)),
  listCase('all any', [[1, 0, 2], [0, 0, 0], [3, 1, -1]], (x) => [x.all(), x.any(), x.all(1), x.any(0, true), x.t().any(-1), x.bool().all(1), x.bool().any()], false),
  intCase('all any int64', (x) => [x.all(), x.any(1), x.ne(0).all(0)]),
  reduction('cumsum', (x) => [x.cumsum(0), x.cumsum(-1), x.t().cumsum(1)]),
  reduction('cumsum 3d', (x) => x.cumsum(1), () => randn(2, 3, 4)),
  intCase('cumsum int64', (x) => [x.cumsum(1), x.gt(0).cumsum(0)]),
  reduction('softmax', (x) => [x.softmax(1), x.softmax(0), x.t().softmax(-1)]),
  reduction('log_softmax', (x) => [x.log_softmax(1), x.log_softmax(-2), x.t().log_softmax(0)]),
  reduction('softmax 3d', (x) => [x.softmax(1), x.log_softmax(2), x.transpose(0, 2).softmax(0)], () => randn(2, 3, 4)),
  reduction('softmax long rows', (x) => [x.softmax(1), x.log_softmax(-1)], () => randn(3, 300)),
  reduction('softmax 0-dim', (x) => [x.sum().softmax(0), x.sum().log_softmax(-1)]),
  listCase('nan rows', [[1, NaN, 3], [0.5, 2, -1]], (x) => [x.logsumexp(1), x.softmax(1), x.log_softmax(1), x.var(1), x.norm(2, 1), x.norm(Infinity, 1), x.sum(1), x.cumsum(1), x.amax(1)], false),
  listCase('softmax inf', [[1, Infinity, 0], [-Infinity, -Infinity, -Infinity], [-Infinity, 0, 1]], (x) => [x.softmax(1), x.log_softmax(1)], false),
  {
    name: 'softmax cross entropy by hand',
    inputs: () => [randn(3, 5), torch.tensor([[0, 1, 0, 0, 0], [1, 0, 0, 0, 0], [0, 0, 0, 1, 0]])],
    run: ([x, onehot]) => x.log_softmax(1).mul(onehot).sum(1).neg().mean(),
  },
  reduction('softmax training step', (x) => x.log_softmax(1).mul(x.softmax(1)).sum(1).mean(), () => randn(4, 6)),
  reduction('long mean', (x) => [x.mean(), x.sum(1).div(10000)], () => randn(2, 10000)),
  reduction('long max argmax', (x) => [...x.max(1), x.argmax(), x.amax()], () => torch.rand([3, 9000]).add(0.5).requires_grad_()),
  reduction('long prod', (x) => [x.prod(1), x.prod()], () => torch.rand([2, 9000]).mul(0.01).add(0.995).requires_grad_()),
  listCase('long ties', Array.from({ length: 2 }, (_, r) => Array.from({ length: 10000 }, (_, j) => ((j * 7919 + r) % 13) - 6)), (x) => [...x.max(1), ...x.min(-1), x.argmax(), x.argmin(), x.any(), x.all()]),
  reduction('long var logsumexp', (x) => [x.var(1), x.logsumexp(1), x.norm(), x.softmax(1)], () => randn(2, 5000)),
  reduction('many short rows', (x) => [x.sum(1), x.max(1).values, x.argmin(1), x.var(1), x.softmax(1), x.cumsum(1)], () => randn(5000, 7)),
  reduction('double backward', (x) => {
    const y = x.softmax(1).mul(x.log_softmax(0)).sum().add(x.var(1).sum()).add(x.logsumexp(0).sum()).add(x.max(1).values.pow(2).sum()).add(x.norm(3, 1).sum());
    const [g] = torch.autograd.grad(y, x, { create_graph: true });
    return g!;
  }),
  reduction('double backward prod', (x) => torch.autograd.grad(x.prod(1).sum().add(x.prod()), x, { create_graph: true })[0]!, () => positive(3, 4)),
  {
    name: 'reduction error messages',
    inputs: () => [torch.randn([2, 0]), torch.tensor([[1, 2]], { dtype: 'int64' })],
    run: ([empty, ints], device) => {
      const messages: string[] = [];
      const attempts: (() => unknown)[] = [
        () => empty.max(),
        () => empty.argmax(),
        () => empty.max(1),
        () => empty.amax(1),
        () => ints.mean(),
        () => ints.var(),
        () => ints.norm(),
        () => ints.softmax(1),
        () => ints.log_softmax(0),
      ];
      for (const attempt of attempts) {
        try {
          attempt();
          messages.push('no error');
        } catch (e) {
          messages.push(e instanceof Error ? e.message : String(e));
        }
      }
      return torch.tensor(Array.from(messages.join('|'), (c) => c.charCodeAt(0))).to(device);
    },
  },  // Fusion: elementwise results are lazy and fold into the next elementwise kernel. What they read
  // must be what it was when the op ran, whatever happens to the inputs before the kernel runs.
  many('fused chain', (x) => [x.mul(2).add(1).tanh().mul(x).sub(x.exp().mul(0.1)).sigmoid()]),
  many('fused diamond', (x) => {
    const y = x.sin();
    return [y.mul(y).add(y.cos()).div(y.abs().add(1))];
  }),
  many('fused over a reshape of a broadcast result', (x) => {
    const centered = x.sub(x.mean(1, true));
    return [centered.reshape(12).mul(torch.arange(12).to(x.device)).view(4, 3).add(1)];
  }),
  many('in-place write after a lazy read', (x) => {
    // a's own storage, computed (a lazy clone would fold into what reads it, reading x instead).
    const a = x.detach().clone().zero_().add_(x.detach());
    const before = a.mul(2).add(1);
    a.mul_(10);
    const alias = a.clone();
    alias.add_(alias);
    return [before, a, alias];
  }),
  {
    name: 'in-place from another view of the same storage',
    inputs: () => [torch.randn([4, 4])],
    run: ([x]) => {
      const a = x.clone();
      a.add_(a.t());
      const b = x.clone();
      b.copy_(b.t().mul(2));
      return [a, b];
    },
  },
  many('x.data replaced after a lazy read', (x) => {
    const a = x.detach().clone().zero_().add_(x.detach());
    const y = a.mul(3);
    a.data = x.detach().add(100);
    return [y.add(1), a];
  }),
];

// ---- reductions and softmax: helpers (function declarations, hoisted into the cases above)

/** One random input (float32, its gradient compared unless made without requires_grad), several outputs. */
function reduction(name: string, f: (x: Tensor) => Tensor | Tensor[], make: () => Tensor = () => randn(3, 4)): ParityCase {
  return { name, inputs: () => [make()], run: ([x]) => f(x) };
}

/** A float tensor of exact values (ties, zeros, NaN, inf); with `grad` its gradient is compared. */
function listCase(name: string, values: number[][], f: (x: Tensor) => Tensor | Tensor[], grad = true): ParityCase {
  return { name, inputs: () => [torch.tensor(values, grad ? rg : {})], run: ([x]) => f(x) };
}

/** An int64 input with small values (products stay inside int32, the GPU's int64). */
function intCase(name: string, f: (x: Tensor) => Tensor | Tensor[]): ParityCase {
  return { name, inputs: () => [torch.randint(-3, 4, [3, 4])], run: ([x]) => f(x) };
}

// ---- linalg, indexing, nn: helpers

const i64 = { dtype: 'int64' } as const;

/** One random 3×4 input, several outputs. */
function many(name: string, f: (x: Tensor) => Tensor[]): ParityCase {
  return { name, inputs: () => [torch.randn([3, 4], { requires_grad: true })], run: ([x]) => f(x) };
}

/**
 * Three training steps of Linear(5, 8) -> ReLU -> Linear(8, 3) moved with `model.to(device)`; the
 * outputs are the losses and every parameter after the last step (all must stay on the device).
 */
function mlpCase(name: string, makeOpt: (p: Tensor[]) => { step(): unknown; zero_grad(): void }, classes: boolean): ParityCase {
  return {
    name,
    inputs: () => [torch.randn([6, 5]), classes ? torch.tensor([0, 2, 1, 1, 0, 2], i64) : torch.randn([6, 3])],
    run: ([x, y], device) => {
      torch.manual_seed(1);
      const model = new nn.Sequential(new nn.Linear(5, 8), new nn.ReLU(), new nn.Linear(8, 3)).to(device);
      const opt = makeOpt(model.parameters());
      const lossFn = classes ? new nn.CrossEntropyLoss() : new nn.MSELoss();
      const losses: Tensor[] = [];
      for (let step = 0; step < 3; step++) {
        opt.zero_grad();
        const loss = lossFn(model(x), y);
        loss.backward();
        opt.step();
        losses.push(loss.detach());
      }
      return [...losses, ...model.parameters().map((p) => p.detach())];
    },
  };
}
