/**
 * The Python runner's view of a run (executePython), in Node with the same Pyodide, package and
 * engine as the Python worker: what the console, the graph and the editor get from a program.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { torch } from '../../engine';
import type { ConsoleLine, RunResult } from '../runner/protocol';
import { cacheDir, readPackage } from './cli';
import { executePython, pythonRunHooks } from './execute';
import { startPython, type PythonRuntime } from './runtime';
import { startPyodide } from './snapshot';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
let runtime: PythonRuntime;
const hooks = pythonRunHooks();

beforeAll(async () => {
  const pyodide = await startPyodide(cacheDir(root));
  runtime = startPython({ pyodide, engine: torch, files: readPackage(path.join(root, 'python')), stdout: hooks.stdout, stderr: hooks.stderr, makeDot: hooks.makeDot });
}, 120_000);

async function run(source: string): Promise<{ result: RunResult; emitted: ConsoleLine[] }> {
  const emitted: ConsoleLine[] = [];
  const result = await executePython(runtime, hooks, source, (line) => emitted.push(line));
  return { result, emitted };
}

const labels = (result: RunResult, graph = 0) => result.graphs[graph].model.nodes.map((n) => `${n.kind}:${n.label.replace(/\s+/g, ' ')}`);

describe('executePython', () => {
  test('prints become console lines as Python writes them, partial lines included', async () => {
    const { result, emitted } = await run('print("a", 1, 2.0)\nprint("b", end="")\nprint("c")\nprint("no newline", end="")\n');
    expect(result.lines.map((l) => l.text)).toEqual(['a 1 2.0', 'bc', 'no newline']);
    expect(emitted.map((l) => l.text)).toEqual(['a 1 2.0', 'bc', 'no newline']);
    expect(result.error).toBeNull();
  });

  test('the graph is named by the program\'s variables, and each node knows its Python line', async () => {
    const { result } = await run('x = torch.ones(2, requires_grad=True)\nw = torch.full((2,), 3.0, requires_grad=True)\n\ny = (x * w).sum()\n');
    expect(result.graphs).toHaveLength(1);
    expect(result.graphs[0].title).toBe('outputs: y');
    expect(labels(result)).toEqual(expect.arrayContaining(['leaf:x (2)', 'leaf:w (2)', 'output:y ()', 'op:MulBackward0', 'op:SumBackward0']));
    const lineOf = (label: string) => result.graphs[0].nodeLines[result.graphs[0].model.nodes.find((n) => n.label.replace(/\s+/g, ' ') === label)!.id];
    expect(lineOf('MulBackward0')).toBe(4);
    expect(lineOf('SumBackward0')).toBe(4);
    expect(lineOf('x (2)')).toBe(1);
    expect(lineOf('w (2)')).toBe(2);
  });

  test('a node made inside the program\'s own function gets the line inside it', async () => {
    const { result } = await run('def f(t):\n    return t.exp()\n\na = torch.ones(1, requires_grad=True)\nb = f(a)\n');
    const exp = result.graphs[0].model.nodes.find((n) => n.label === 'ExpBackward0')!;
    expect(result.graphs[0].nodeLines[exp.id]).toBe(2);
  });

  test('a module\'s parameters are named as named_parameters() names them', async () => {
    const source = [
      'class Net(nn.Module):',
      '    def __init__(self):',
      '        super().__init__()',
      '        self.fc1 = nn.Linear(2, 3)',
      '        self.fc2 = nn.Linear(3, 1)',
      '    def forward(self, x):',
      '        return self.fc2(F.relu(self.fc1(x)))',
      '',
      'torch.manual_seed(0)',
      'net = Net()',
      'loss = net(torch.ones(4, 2)).sum()',
    ].join('\n');
    const { result } = await run(source);
    expect(labels(result)).toEqual(expect.arrayContaining(['leaf:fc1.weight (3, 2)', 'leaf:fc1.bias (3)', 'leaf:fc2.weight (1, 3)', 'leaf:fc2.bias (1)', 'output:loss ()']));
  });

  test('make_dot draws what the program asks for, titled by its argument, with the params\' names', async () => {
    const { result } = await run('a = torch.tensor([1.0, 2.0], requires_grad=True)\nb = a * 2\nc = b.sum()\nmake_dot(b, params={"alpha": a})\nmake_dot(c)\n');
    expect(result.graphs.map((g) => g.title)).toEqual(['make_dot(b)', 'make_dot(c)']);
    expect(labels(result, 0)).toEqual(expect.arrayContaining(['leaf:alpha (2)', 'op:MulBackward0']));
  });

  test('an error is Python\'s traceback (the program\'s frames only) with the line to mark', async () => {
    const { result } = await run('import torch\nx = torch.ones(3, requires_grad=True)\n\nx.sum().backward()\nx.sum().backward()\n(x * 2).backward()\n');
    expect(result.error).not.toBeNull();
    expect(result.error!.line).toBe(6);
    expect(result.error!.message).toContain('File "snippet.py", line 6, in <module>');
    expect(result.error!.message.split('\n').at(-1)).toBe('RuntimeError: grad can be implicitly created only for scalar outputs');
    expect(result.error!.message).not.toMatch(/gradlab\/lib|_bridge|JsException/);
    const last = result.lines.at(-1)!;
    expect(last).toMatchObject({ kind: 'error', line: 6 });
    // What ran before the error still shows: the two backward calls are in the trace.
    expect(result.traceCount).toBe(2);
  });

  test('a syntax error points at its line', async () => {
    const { result } = await run('x = 1\ny = (2,\nz = 3\n');
    expect(result.error?.kind).toBe('syntax');
    expect(result.error?.message.split('\n').at(-1)).toMatch(/^SyntaxError: /);
    expect(result.error?.line).toBeGreaterThanOrEqual(2);
  });

  test('an exception the program catches is its own business', async () => {
    const { result } = await run('try:\n    torch.ones(2).view(3)\nexcept RuntimeError as e:\n    print("caught:", e)\n');
    expect(result.error).toBeNull();
    expect(result.lines.map((l) => l.text)).toEqual(["caught: shape '[3]' is invalid for input of size 2"]);
  });

  test('a custom autograd.Function is a node of the graph, named as PyTorch names it', async () => {
    const source = [
      'class Square(torch.autograd.Function):',
      '    @staticmethod',
      '    def forward(ctx, x):',
      '        ctx.save_for_backward(x)',
      '        return x * x',
      '    @staticmethod',
      '    def backward(ctx, g):',
      '        x, = ctx.saved_tensors',
      '        return 2 * x * g',
      '',
      'a = torch.tensor([3.0], requires_grad=True)',
      'y = Square.apply(a)',
      'y.backward()',
      'print(a.grad, y.grad_fn)',
    ].join('\n');
    const { result } = await run(source);
    expect(result.error).toBeNull();
    expect(result.lines[0].text).toMatch(/^tensor\(\[6\.\]\) <torch\.autograd\.function\.SquareBackward object at 0x[0-9a-f]+>$/);
    expect(labels(result)).toEqual(expect.arrayContaining(['op:SquareBackward', 'leaf:a (1)']));
    expect(result.traces[0].steps.map((s) => s.name)).toContain('SquareBackward');
  });

  test('a print flood stops at the cap with a notice', async () => {
    const { result } = await run('for i in range(6000):\n    print(i)\n');
    expect(result.lines).toHaveLength(5001);
    expect(result.lines.at(-1)).toMatchObject({ kind: 'notice' });
  });
});
