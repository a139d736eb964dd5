import { describe, it, expect } from 'vitest';
import { torch, nn, type Tensor } from '../index';

/** Expected texts: PyTorch 2.14's output of the same program (comments show the Python). */
class Net extends nn.Module {
  features = nn.Sequential(nn.Flatten(), nn.Linear(4, 3), nn.ReLU());
  heads = nn.ModuleList([0, 1].map(() => nn.Linear(3, 2)));
  extra = nn.ModuleDict({ id: nn.Identity(), un: nn.Unflatten(1, [1, 2]) });
  scale = nn.ParameterList([nn.Parameter(torch.ones(2))]);

  override forward(x: Tensor): Tensor {
    const h = this.features(x);
    return this.extra.__getitem__('un')(this.heads[0](h).mul(this.scale[0]));
  }
}

describe('Module API as PyTorch 2.x', () => {
  it('prints nested modules, containers (repeated ModuleList entries folded) and extra_repr', () => {
    torch.manual_seed(0);
    const net = new Net();
    expect(String(net)).toBe(
      [
        'Net(',
        '  (features): Sequential(',
        '    (0): Flatten(start_dim=1, end_dim=-1)',
        '    (1): Linear(in_features=4, out_features=3, bias=True)',
        '    (2): ReLU()',
        '  )',
        '  (heads): ModuleList(',
        '    (0-1): 2 x Linear(in_features=3, out_features=2, bias=True)',
        '  )',
        '  (extra): ModuleDict(',
        '    (id): Identity()',
        '    (un): Unflatten(dim=1, unflattened_size=(1, 2))',
        '  )',
        '  (scale): ParameterList(  (0): Parameter containing: [torch.float32 of size 2])',
        ')',
      ].join('\n'),
    );
    expect(net.named_modules().map(([n]) => n)).toEqual(['', 'features', 'features.0', 'features.1', 'features.2', 'heads', 'heads.0', 'heads.1', 'extra', 'extra.id', 'extra.un', 'scale']);
    const keys = ['features.1.weight', 'features.1.bias', 'heads.0.weight', 'heads.0.bias', 'heads.1.weight', 'heads.1.bias', 'scale.0'];
    expect(net.named_parameters().map(([n]) => n)).toEqual(keys);
    expect(Object.keys(net.state_dict())).toEqual(keys);
    // sum(p.numel() for p in net.parameters() if p.requires_grad)
    expect(net.parameters().filter((p) => p.requires_grad).reduce((a, p) => a + p.numel(), 0)).toBe(33);
    expect(net(torch.ones(2, 2, 2)).shape).toEqual([2, 1, 2]);
    const seen: string[] = [];
    net.apply((m) => seen.push(m._get_name()));
    expect(seen).toEqual(['Flatten', 'Linear', 'ReLU', 'Sequential', 'Linear', 'Linear', 'ModuleList', 'Identity', 'Unflatten', 'ModuleDict', 'ParameterList', 'Net']);
    // net.features[1:] keeps the names; net.features[-1]; len(net.features)
    expect(String(net.features.__getitem__(torch.slice(1)))).toBe('Sequential(\n  (1): Linear(in_features=4, out_features=3, bias=True)\n  (2): ReLU()\n)');
    expect(String(net.features.slice(1))).toBe(String(net.features.__getitem__(torch.slice(1))));
    expect(String(net.features.at(-1))).toBe('ReLU()');
    expect(net.features.__len__()).toBe(3);
    expect(net.features.length).toBe(3);
    expect([...net.heads].length).toBe(2);
    expect(() => net.features.__getitem__(5)).toThrow('index 5 is out of range');
    expect(String(nn.ParameterList([nn.Parameter(torch.ones(2, 3)), nn.Parameter(torch.ones(3))]))).toBe(
      'ParameterList(\n    (0): Parameter containing: [torch.float32 of size 2x3]\n    (1): Parameter containing: [torch.float32 of size 3]\n)',
    );
  });

  it('state_dict / load_state_dict with PyTorch\'s strict errors, and requires_grad_, zero_grad', () => {
    torch.manual_seed(0);
    const lin = nn.Linear(2, 2);
    expect(String(lin.load_state_dict(lin.state_dict()))).toBe('<All keys matched successfully>');
    expect(() => lin.load_state_dict({ weight: torch.ones(2, 2), foo: torch.ones(1) })).toThrow(
      'Error(s) in loading state_dict for Linear:\n\tMissing key(s) in state_dict: "bias". \n\tUnexpected key(s) in state_dict: "foo". ',
    );
    expect(() => lin.load_state_dict({ weight: torch.ones(3, 2), bias: torch.ones(2), x: torch.ones(1) })).toThrow(
      'Error(s) in loading state_dict for Linear:\n\tUnexpected key(s) in state_dict: "x". \n\tsize mismatch for weight: copying a param with shape torch.Size([3, 2]) from checkpoint, the shape in current model is torch.Size([2, 2]).',
    );
    expect(String(lin.load_state_dict({ weight: torch.ones(2, 2), foo: torch.ones(1) }, { strict: false }))).toBe("_IncompatibleKeys(missing_keys=['bias'], unexpected_keys=['foo'])");
    expect(lin.weight.tolist()).toEqual([[1, 1], [1, 1]]);
    expect(lin.weight.is_leaf).toBe(true);
    const sd = lin.state_dict();
    expect(sd.weight.requires_grad).toBe(false);
    expect(lin.state_dict({ keep_vars: true }).weight).toBe(lin.weight);
    expect(String(nn.Linear(1, 1, { bias: false }).state_dict())).toMatch(/^OrderedDict\(\{'weight': tensor\(\[\[-?\d\.\d{4}\]\]\)\}\)$/);
    lin.requires_grad_(false);
    expect(lin.parameters().map((p) => p.requires_grad)).toEqual([false, false]);
  });

  it('forward pre-hooks and hooks see (and may replace) args and output; handles remove them', () => {
    const lin = nn.Linear(2, 2);
    const calls: string[] = [];
    const pre = lin.register_forward_pre_hook((_m, args) => {
      calls.push(`pre ${(args[0] as Tensor).shape}`);
      return [(args[0] as Tensor).mul(0)];
    });
    const post = lin.register_forward_hook((_m, _args, out) => {
      calls.push('post');
      return (out as Tensor).add(1);
    });
    const y = lin(torch.ones(3, 2));
    expect(calls).toEqual(['pre 3,2', 'post']);
    expect(y.sub(lin.bias!.add(1)).abs().max().item()).toBe(0);
    pre.remove();
    post.remove();
    lin(torch.ones(1, 2));
    expect(calls.length).toBe(2);
  });

  it('full backward hooks: BackwardHookFunctionBackward nodes, grad_input / grad_output as PyTorch passes them', () => {
    torch.manual_seed(0);
    const lin = nn.Linear(2, 2);
    const calls: [(Tensor | null)[], (Tensor | null)[]][] = [];
    lin.register_full_backward_hook((_m, gi, go) => {
      calls.push([gi, go]);
    });
    let y = lin(torch.randn(3, 2));
    expect(y.grad_fn!.name()).toBe('BackwardHookFunctionBackward');
    expect(y.grad_fn!.next_functions[0][0]!.name()).toBe('AddmmBackward0');
    y.sum().backward();
    // No input requires grad: the hook runs with grad_input (None,)
    expect(calls.length).toBe(1);
    expect(calls[0][0]).toEqual([null]);
    expect(calls[0][1][0]!.tolist()).toEqual([[1, 1], [1, 1], [1, 1]]);
    const x = torch.randn(3, 2, { requires_grad: true });
    y = lin(x);
    expect(y.grad_fn!.next_functions[0][0]!.next_functions.map(([n]) => n?.name() ?? null)).toEqual(['torch::autograd::AccumulateGrad', 'BackwardHookFunctionBackward', 'TBackward0']);
    y.sum().backward();
    expect(calls.length).toBe(2);
    const expected = lin.weight.sum(0).unsqueeze(0).expand(3, 2);
    expect(calls[1][0][0]!.tolist()).toEqual(expected.tolist());
    expect(x.grad!.tolist()).toEqual(expected.tolist());
  });
});
