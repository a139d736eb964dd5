# Writes elementwise_reference.json, the Node table's expected values in elementwise.test.ts, from a
# running PyTorch: for each expression, grad_fn.name(), the names in next_functions, and every
# _saved_* attribute as the test shows it (a tensor as T(shape), other values as Python prints them).
#   /usr/bin/python3 engine/ops/gen_elementwise_reference.py > engine/ops/elementwise_reference.json
import json
import torch

EXPRESSIONS = [
    'x + y', 'x + 2', 'torch.add(x, y, alpha=2)', 'x - 2', '2 - x', 'torch.sub(x, y, alpha=2)',
    'x * y', 'x * c', 'c * x', 'x * 2', '2 * x', 'x / y', 'x / c', 'c / x', 'x / 2', '2 / x',
    "torch.div(x, y, rounding_mode='trunc')", "torch.div(x, 2, rounding_mode='floor')",
    'x ** 2', 'x ** 2.5', 'x ** y', 'x ** c', '2 ** x', 'x.square()',
    'torch.maximum(x, y)', 'torch.maximum(x, c)', 'torch.minimum(x, y)',
    'torch.where(x > 1, x, y)', 'torch.where(x > 1, x, 0.)',
    'x.clamp(0, 1)', 'x.clamp(min=0)', 'x.clamp(max=1)', 'x.clamp(c, y)', 'x.clamp(min=c)',
    '-x', 'x.exp()', 'x.log()', 'x.sqrt()', 'x.abs()', 'x.sin()', 'x.cos()', 'x.tan()', 'x.tanh()',
    'x.sigmoid()', 'x.relu()', 'x.reciprocal()', 'x.log2()', 'x.log1p()', 'x.expm1()', 'x.rsqrt()',
    'x.sign()', 'x.clone().fill_(2)', 'x.clone().fill_(torch.tensor(3.))', 'x.clone().zero_()',
    'c.clone().copy_(x)', 'x.clone().copy_(c)',
]


def shown(v):
    if isinstance(v, torch.Tensor):
        dims = ', '.join(str(d) for d in v.shape)
        return f"T({dims}{',' if v.dim() == 1 else ''})"
    if v is None:
        return 'None'
    return repr(v) if isinstance(v, str) else str(v)


out = {}
for expr in EXPRESSIONS:
    x = torch.tensor([1., 2.], requires_grad=True)
    y = torch.tensor([3., 4.], requires_grad=True)
    c = torch.tensor([3., 4.])
    fn = eval(expr).grad_fn
    saved = {k[len('_saved_'):]: shown(getattr(fn, k)) for k in dir(fn) if k.startswith('_saved_') and not k.endswith('_raw')}
    out[expr] = {
        'name': fn.name(),
        'next': [f.name() if f is not None else None for f, _ in fn.next_functions],
        'saved': saved,
    }
print(json.dumps(out, indent=1, sort_keys=True))
