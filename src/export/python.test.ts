/**
 * "Open in PyTorch". The real check is PyTorch itself: `npx tsx src/export/check-python.mjs`
 * converts every seed, runs it in /usr/bin/python3 (torch 1.13, a stub torchviz) and compares its
 * stdout with the seed's `expected` (and its error with the seed's `error`). Not run in CI.
 *
 * The page translates inside Monaco's TypeScript worker, with its compiler; so do these tests.
 */
import { describe, expect, it } from 'vitest';
import { seedArticles, type SeedExample } from '../../engine/seeds/examples';
import { toPython as translate } from './python';
import { monacoTypescript } from './monacoTypescript';

const toPython = (source: string) => translate(source, monacoTypescript);

/** Seeds whose converted program printed exactly `expected` (and raised `error`) in PyTorch 1.13. */
const VERIFIED_IN_PYTORCH = [
  '000-1', '000-2', '000-3', '000-4', '000-5', '000-6',
  '001-1', '001-2', '001-3', '001-4', '001-5', '001-6', '001-7', '001-8', '001-9',
  '002-1', '002-2', '002-3', '002-4', '002-5', '002-6',
  '003-1', '003-2', '003-3',
  '004-1', '004-2', '004-3', '004-4', '004-5', '004-6',
];

const seeds: SeedExample[] = Object.values(seedArticles).flat();

/**
 * A line's "head": its indentation and what it binds or calls first, so that `y = x + 2` (the
 * article) and `y = x.add(2)` (ours) agree, and a missing or extra statement does not.
 */
function heads(python: string): string[] {
  return python
    .split('\n')
    .map((l) => l.replace(/\t/g, '    ').replace(/\s+#.*$/, ''))
    .filter((l) => l.trim() !== '' && !l.trim().startsWith('#') && !/^(import|from) /.test(l))
    .map((l) => {
      const indent = l.length - l.trimStart().length;
      const s = l.trim().replace(/\s+/g, '');
      const assign = /^([\w.,]+?)(\+|-|\*)?=(?!=)/.exec(s);
      const head = assign ? `${assign[1]}=` : /^[\w.]+/.exec(s)?.[0] ?? s;
      return `${indent}:${head.replace(/^super.*/, 'super')}`;
    });
}

/** Comments, without the seeds' `added:` marks (an `added:` comment may or may not be ours). */
function comments(python: string, marked = true): string[] {
  return python
    .split('\n')
    .flatMap((l) => /#\s*(.*)$/.exec(l)?.[1] ?? [])
    .map((c) => c.trim())
    .filter((c) => c !== '' && !c.startsWith('changed:') && (marked || !c.startsWith('added:')))
    .map((c) => c.replace(/^added: /, '').toLowerCase());
}

/** Seeds whose Python is written differently from ours on purpose, each for the reason given. */
const DIFFERENT_SHAPE: Record<string, string> = {
  '001-4': '`b -= lr * b.grad` is `b.sub_(b.grad.mul(lr))` (API.md)',
  '001-5': '`b -= lr * b.grad` is `b.sub_(b.grad.mul(lr))` (API.md)',
  '001-6': 'sub_ as above; the article zeroes both grads in one tuple expression',
  '001-2': "the notebook's echo is a print under a comment of the snippet's own",
  '001-3': "the notebook's echo is a print under a comment of the snippet's own",
  '001-9': '`if loss > 0` reads the value with loss.item(); `loss += ...` is loss.add_(...)',
  '003-3': '`import torch.autograd as autograd` is a const in the snippet',
  '002-1': 'the NumPy array is built inline from a Float64Array',
  '002-2': "the snippet spells out Python's f-string formatting of tensors",
};

describe('toPython on the seed examples', () => {
  it.each(seeds.map((s) => [s.id, s] as const))('%s converts with no TODO', (_id, seed) => {
    const { code, notes } = toPython(seed.source);
    expect(code.startsWith('import torch\n')).toBe(true);
    expect(code).not.toContain('TODO');
    expect(notes.filter((n) => !/^(line \d+: )?renamed/.test(n))).toEqual([]);
  });

  it.each(seeds.filter((s) => !DIFFERENT_SHAPE[s.id]).map((s) => [s.id, s] as const))(
    '%s has the statements and comments of the seed\'s Python',
    (_id, seed) => {
      const { code } = toPython(seed.source);
      expect(heads(code)).toEqual(heads(seed.python));
      const ours = comments(code);
      for (const c of comments(seed.python, false)) expect(ours).toContain(c);
      for (const c of ours) expect(comments(seed.python)).toContain(c);
    },
  );

  it('every seed is in the PyTorch-verified list', () => {
    expect([...VERIFIED_IN_PYTORCH].sort()).toEqual(seeds.map((s) => s.id).sort());
  });

  it('000-4 reads as the article wrote it, method calls kept', () => {
    expect(toPython(seeds.find((s) => s.id === '000-4')!.source).code).toBe(`import torch

x = torch.ones(2, 2, requires_grad=True)
y = x.add(2)
z = y.mul(y).mul(3)
out = z.mean()

out.backward()
print(x.grad)
`);
  });

  it('003-2: the nn.Module class', () => {
    const { code } = toPython(seeds.find((s) => s.id === '003-2')!.source);
    expect(code).toContain(`import torch
import torch.nn as nn

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(3, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = torch.relu(self.fc1(x))
        x = self.fc2(x)
        return x

torch.manual_seed(0)  # added, so the numbers are reproducible
`);
    expect(code).toContain('optimizer = torch.optim.SGD(net.parameters(), lr=0.01)');
  });

  it('001-6: the training loop as range() with a no_grad block', () => {
    const { code } = toPython(seeds.find((s) => s.id === '001-6')!.source);
    expect(code).toContain(`for epoch in range(200):
    # Step 1 - Computes our model's predicted output - forward pass
    yhat = b.add(w.mul(x_train_tensor))`);
    expect(code).toContain(`    with torch.no_grad():
        b.sub_(b.grad.mul(lr))
        w.sub_(w.grad.mul(lr))
    # This code will be placed after Step 4 (updating the parameters)
    b.grad.zero_()`);
  });

  it('print([a, b]) is a tuple, as the engine prints it', () => {
    expect(toPython(seeds.find((s) => s.id === '001-2')!.source).code).toContain('print((b.grad, w.grad))');
    expect(toPython('print([x]);').code).toContain('print((x,))');
  });

  it('make_dot and math bring their imports', () => {
    expect(toPython(seeds.find((s) => s.id === '001-7')!.source).code).toMatch(/^import torch\nfrom torchviz import make_dot\n/);
    expect(toPython(seeds.find((s) => s.id === '004-1')!.source).code).toMatch(/^import torch\nimport math\n\nStartingVector = torch\.linspace\(0\., 2\. \* math\.pi, 25, requires_grad=True\)/);
  });
});

function py(source: string): string {
  const { code } = toPython(source);
  return code.replace(/^(import .*|from .*)\n/gm, '').replace(/^\n/, '');
}

describe('toPython mappings', () => {
  it('options objects are keyword arguments; true/false/null are True/False/None', () => {
    expect(py('const x = torch.ones(2, 2, {requires_grad: true});')).toBe('x = torch.ones(2, 2, requires_grad=True)\n');
    expect(py('y.backward(null, {retain_graph: false, inputs: [x]});')).toBe('y.backward(None, retain_graph=False, inputs=[x])\n');
    expect(py('const t = torch.zeros(3, {dtype: "float64", requires_grad});')).toBe('t = torch.zeros(3, dtype=torch.float64, requires_grad=requires_grad)\n');
    expect(py("const d = x.to('float64'); const e = x.double();")).toBe('d = x.to(torch.float64)\ne = x.double()\n');
  });

  it('an object that is not the last argument is a dict', () => {
    expect(py("make_dot(y, {params: {w: w, b}});")).toBe("make_dot(y, params={'w': w, 'b': b})\n");
    expect(py('make_dot(y, {params: Object.fromEntries(model.named_parameters())});')).toBe('make_dot(y, params=dict(model.named_parameters()))\n');
  });

  it('torch.mul(2, x) is 2 * x; other calls stay method calls', () => {
    expect(py('const c = torch.mul(2, b); const d = torch.mul(b, 2); const e = a.matmul(b).T;')).toBe('c = 2 * b\nd = torch.mul(b, 2)\ne = a.matmul(b).T\n');
    expect(py('const p = torch.pow(2, x.add(1));')).toBe('p = 2 ** x.add(1)\n');
  });

  it('no_grad callbacks are with blocks, their value assigned or returned', () => {
    expect(py('const c = torch.no_grad(() => a.add(b));')).toBe('with torch.no_grad():\n    c = a.add(b)\n');
    expect(py('const r = torch.no_grad(() => {\n  const t = x.mul(2);\n  return t.add(1);\n});')).toBe('with torch.no_grad():\n    t = x.mul(2)\n    r = t.add(1)\n');
    expect(py('function f(x) {\n  return torch.enable_grad(() => x.mul(2));\n}')).toBe('def f(x):\n    with torch.enable_grad():\n        return x.mul(2)\n');
    expect(py('torch.no_grad(() => {});')).toBe('with torch.no_grad():\n    pass\n');
  });

  it('for loops over a counter are range(); others are while loops', () => {
    expect(py('for (let epoch = 0; epoch < 200; epoch++) {}')).toBe('for epoch in range(200):\n    pass\n');
    expect(py('for (let i = 1; i <= 3; i += 1) print(i);')).toBe('for i in range(1, 4):\n    print(i)\n');
    expect(py('for (let i = 10; i > 0; i -= 2) print(i);')).toBe('for i in range(10, 0, -2):\n    print(i)\n');
    expect(py('for (let i = 1; i < n; i = i * 2) { print(i); }')).toBe('i = 1\nwhile i < n:\n    print(i)\n    i = i * 2\n');
    expect(py('for (const [name, p] of net.named_parameters()) print(name, p.grad);')).toBe('for name, p in net.named_parameters():\n    print(name, p.grad)\n');
  });

  it('if / else if / else, with Python operators', () => {
    expect(py('if (a === null && !b || c !== 2) { print(1); } else if (x.item() > 0) { print(2); } else { print(3); }'))
      .toBe('if a is None and not b or c != 2:\n    print(1)\nelif x.item() > 0:\n    print(2)\nelse:\n    print(3)\n');
    expect(py('const v = a ? b : c;')).toBe('v = b if a else c\n');
  });

  it('indexing is subscripting, torch.slice a slice', () => {
    expect(py('const a = x.index(0); const b = x.index(null, 0); const c = x.index(torch.slice(1, 3));'))
      .toBe('a = x[0]\nb = x[:, 0]\nc = x[1:3]\n');
    expect(py("const d = x.index('...', 0); const e = x.index(null, 'newaxis'); const f = x.index([0, 2]); const g = x.index(mask);"))
      .toBe('d = x[..., 0]\ne = x[:, None]\nf = x[[0, 2]]\ng = x[mask]\n');
    expect(py('const h = x.index(torch.slice(null, null, 2)); const s = torch.slice(1, 3);')).toBe('h = x[::2]\ns = slice(1, 3)\n');
  });

  it('template strings are f-strings', () => {
    expect(py('print(`loss ${loss.item()} at ${epoch}\\n`);')).toBe('print(f"loss {loss.item()} at {epoch}\\n")\n');
    expect(py('print(`{braces} ${"q"}`);')).toBe('print(f"{{braces}} {\'q\'}")\n');
    expect(py('print("epoch " + epoch);')).toBe("print('epoch ' + str(epoch))\n");
  });

  it('classes: fields, constructor arguments, super calls, getters', () => {
    expect(py('class M extends nn.Module {\n  fc = new nn.Linear(2, 2);\n  forward(x) { return F.relu(this.fc(x)); }\n}'))
      .toBe('class M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(2, 2)\n\n    def forward(self, x):\n        return F.relu(self.fc(x))\n');
    expect(py('class A extends nn.Module {\n  constructor(n) {\n    super();\n    this.l = new nn.Linear(n, 1, {bias: false});\n  }\n  get size() { return 1; }\n}'))
      .toBe('class A(nn.Module):\n    def __init__(self, n):\n        super().__init__()\n        self.l = nn.Linear(n, 1, bias=False)\n\n    @property\n    def size(self):\n        return 1\n');
  });

  it('hooks: a lambda, or a def above the statement', () => {
    expect(py('x.register_hook((g) => g.mul(2));')).toBe('x.register_hook(lambda g: g.mul(2))\n');
    expect(py('x.register_hook((g) => {\n  print(g);\n});')).toBe('def _fn1(g):\n    print(g)\nx.register_hook(_fn1)\n');
  });

  it('functions get global/nonlocal for the names they assign', () => {
    expect(py('let n = 0;\nfunction bump() { n += 1; }\nfunction outer() {\n  let k = 0;\n  const inc = () => { k++; n = k; };\n  inc();\n}'))
      .toBe('n = 0\ndef bump():\n    global n\n    n += 1\ndef outer():\n    k = 0\n    def inc():\n        global n\n        nonlocal k\n        k += 1\n        n = k\n    inc()\n');
  });

  it('comments and blank lines are kept', () => {
    expect(py('// one\nconst a = 1; // two\n\n/* three\n * four */\nprint(a);')).toBe('# one\na = 1  # two\n\n# three\n# four\nprint(a)\n');
  });

  it('JavaScript built-ins with a Python spelling', () => {
    expect(py('const m = Math.max(a, 2) + Math.sqrt(Math.PI); const n = arr.length; arr.push(1); const s = v.toFixed(3);'))
      .toBe('m = max(a, 2) + math.sqrt(math.pi)\nn = len(arr)\narr.append(1)\ns = format(v, \'.3f\')\n');
    expect(toPython('const m = Math.sqrt(2);').code).toContain('import math\n');
    expect(py('const t = torch.from_numpy(new Float32Array([1, 2]));')).toBe('t = torch.from_numpy(np.array([1, 2], dtype=np.float32))\n');
    expect(py('const sq = xs.map((v) => v * v);')).toBe('sq = [v * v for v in xs]\n');
  });

  it('precedence: parentheses where Python needs them', () => {
    expect(py('const a = (b + c) * d; const e = -(x ** 2); const f = !(a === b);')).toBe('a = (b + c) * d\ne = -x ** 2\nf = not a == b\n');
    expect(py('const g = (a < b) === c;')).toBe('g = (a < b) == c\n');
  });

  it('names Python reserves are renamed, with a note', () => {
    const { code, notes } = toPython('const lambda = 1; print(lambda);');
    expect(code).toContain('lambda_ = 1\nprint(lambda_)');
    expect(notes).toEqual(['renamed `lambda` to `lambda_`: Python reserves or uses these names']);
  });

  it('a snippet\'s own str does not shadow the builtin the printout calls', () => {
    const { code } = toPython('const str = (v) => String(v);\nprint(str(1));');
    expect(code).toContain('def str_(v):\n    return str(v)\nprint(str_(1))');
  });

  it('unknown constructs become TODO lines and notes, never silent', () => {
    const { code, notes } = toPython('const a = obj?.b;\nswitch (a) { case 1: break; }\nconst r = /x/;');
    expect(code).toContain('# TODO(gradlab): optional chaining (`?.`) is not translated: obj?.b\na = ...');
    expect(code).toContain('# TODO(gradlab): `switch` is not translated; write it as if/elif: switch (a) { case 1: break; }');
    expect(code).toContain('# TODO(gradlab): regular expressions are not translated: /x/');
    expect(notes).toEqual([
      'line 1: optional chaining (`?.`) is not translated (left as a TODO)',
      'line 2: `switch` is not translated; write it as if/elif (left as a TODO)',
      'line 3: regular expressions are not translated (left as a TODO)',
    ]);
  });

  it('a syntax error gives a note and whatever could be read', () => {
    const { notes } = toPython('const x = (1;');
    expect(notes).toEqual(["line 1: syntax error: ')' expected.; the Python below may be incomplete"]);
  });

  it('type annotations and declarations vanish', () => {
    expect(py('interface P { a: number }\nconst x: number = 1 as number;\nconst y = x!;')).toBe('x = 1\ny = x\n');
  });

  it("throw and try/catch", () => {
    expect(py("try { f(); } catch (e) { print(e); } finally { g(); }\nthrow new Error('bad');"))
      .toBe("try:\n    f()\nexcept Exception as e:\n    print(e)\nfinally:\n    g()\nraise Exception('bad')\n");
  });
});

describe('toPython on WebGPU snippets', () => {
  it("maps torch.webgpu to torch.cuda, 'webgpu' to 'cuda' and the awaited reads to PyTorch's", () => {
    const { code, notes } = toPython(
      "const device = torch.webgpu.is_available() ? 'webgpu' : 'cpu';\nconst x = torch.ones(3, {device});\nconst l = x.sum();\nif ((await l.item_async()) > 0) print(await x.tolist_async());",
    );
    expect(code).toBe(
      "import torch\n\ndevice = 'cuda' if torch.cuda.is_available() else 'cpu'\nx = torch.ones(3, device=device)\nl = x.sum()\nif l.item() > 0:\n    print(x.tolist())\n",
    );
    expect(notes).toEqual(["line 1: renamed device 'webgpu' to 'cuda' (PyTorch's GPU device)", "line 1: renamed torch.webgpu to torch.cuda (PyTorch's GPU module)"]);
  });
});
