/**
 * The editor's IntelliSense, checked without a browser: the engine's declarations emit, and the
 * TypeScript service configured as the editor configures Monaco's (same options, same globals,
 * every engine `.d.ts` a root file as Monaco's extra libs are) accepts every seed snippet without
 * an error while still catching a real type error.
 */
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedArticles } from '../../engine/seeds/examples';
import { emitEngineDeclarations } from './engineDts';
import { ENGINE_MODULE, SNIPPET_COMPILER_OPTIONS, SNIPPET_GLOBALS_DTS, SNIPPET_IGNORED_DIAGNOSTICS } from './snippetGlobals';

const engineDir = fileURLToPath(new URL('../../engine', import.meta.url));
const SNIPPET = '/snippet.ts';

let files: Record<string, string>;

beforeAll(() => {
  files = emitEngineDeclarations(engineDir);
}, 60_000);

/** The errors the editor would underline in `source`, as `line:code message`. */
function editorErrors(source: string): string[] {
  const virtual = new Map<string, string>([[SNIPPET, source], ['/gradlab-snippet-globals.d.ts', SNIPPET_GLOBALS_DTS]]);
  for (const [file, text] of Object.entries(files)) virtual.set(`/node_modules/${ENGINE_MODULE}/${file}`, text);
  const options: ts.CompilerOptions = {
    ...(SNIPPET_COMPILER_OPTIONS as ts.CompilerOptions),
    // Monaco takes `es2022`; the compiler API wants the lib file's name.
    lib: SNIPPET_COMPILER_OPTIONS.lib.map((l) => `lib.${l}.d.ts`),
    noEmit: true,
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  const isLib = (f: string) => f.includes('/typescript/lib/');
  host.fileExists = (f) => virtual.has(f) || (isLib(f) && ts.sys.fileExists(f));
  host.directoryExists = (d) => [...virtual.keys()].some((f) => f.startsWith(d.replace(/\/?$/, '/'))) || (isLib(d) && ts.sys.directoryExists(d));
  host.readFile = (f) => virtual.get(f) ?? readFile(f);
  host.getSourceFile = (f, lang) => {
    const text = virtual.get(f);
    return text === undefined ? getSourceFile(f, lang) : ts.createSourceFile(f, text, lang);
  };
  host.getCurrentDirectory = () => '/';
  const program = ts.createProgram([...virtual.keys()], options, host);
  const snippet = program.getSourceFile(SNIPPET)!;
  return [...program.getSyntacticDiagnostics(snippet), ...program.getSemanticDiagnostics(snippet)]
    .filter((d) => d.category === ts.DiagnosticCategory.Error && !SNIPPET_IGNORED_DIAGNOSTICS.includes(d.code))
    .map((d) => `${snippet.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}:${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
}

describe('engine declarations for the editor', () => {
  it('emit every module the public API reaches, op methods included', () => {
    expect(files['index.d.ts']).toContain('export declare const torch');
    // The op methods live in module augmentations: Monaco sees them because every file is a root.
    expect(files['ops/elementwise.d.ts']).toMatch(/declare module '\.\.\/tensor'/);
  });

  it('type-check a plain snippet with the globals and catch a real error', () => {
    const source = [
      'const x = torch.ones(2, 2, {requires_grad: true});',
      'const name = 3; // a lib global in scripts; a local here',
      'const lin: nn.Linear = new nn.Linear(2, 3);',
      'const opt = new optim.SGD(lin.parameters(), {lr: 0.1});',
      'const y: torch.Tensor = F.relu(lin.forward(x)).sum();',
      'y.backward();',
      'print(x.grad, y.grad_fn.next_functions, name);',
      'make_dot(y).toDot();',
      'opt.step();',
      'x.foo();',
      'return;',
    ].join('\n');
    expect(editorErrors(source)).toEqual(["10:2339 Property 'foo' does not exist on type 'Tensor'."]);
  });

  it('type-check the Module API, the losses, optimizers, schedulers and data loading', () => {
    const source = [
      'class Net extends nn.Module {',
      '  features = nn.Sequential(nn.Flatten(), nn.Linear(4, 3), nn.ReLU());',
      '  heads = nn.ModuleList([nn.Linear(3, 2)]);',
      '  forward(x: torch.Tensor) { return this.heads.at(0)(this.features(x)); }',
      '}',
      'const net = new Net();',
      'net.load_state_dict(net.state_dict(), {strict: false});',
      'net.register_forward_hook((m, args, out) => print(m, out));',
      'net.register_full_backward_hook((m, gi, go) => print(gi, go));',
      'print(net.features.slice(1), net.features.length, net.features.__getitem__(-1));',
      'const loss = nn.BCEWithLogitsLoss({pos_weight: torch.ones(2)});',
      'const l2 = F.smooth_l1_loss(torch.ones(2), torch.zeros(2), {beta: 0.5});',
      'const opt = optim.AdamW(net.parameters(), {lr: 1e-3});',
      'const sched = optim.lr_scheduler.StepLR(opt, 10, {gamma: 0.5});',
      'optim.lr_scheduler.ReduceLROnPlateau(opt, {patience: 2}).step(0.5);',
      'sched.step();',
      'print(sched.get_last_lr(), opt.state_dict());',
      'const ds = torch.utils.data.TensorDataset(torch.ones(4, 4), torch.arange(4));',
      'const [train, test] = torch.utils.data.random_split(ds, [0.5, 0.5], torch.Generator().manual_seed(1));',
      'for (const batch of torch.utils.data.DataLoader(train, {batch_size: 2, shuffle: true})) print(batch);',
      'print(loss(torch.ones(2), torch.zeros(2)), l2, test.__len__());',
      'sched.foo();',
    ].join('\n');
    expect(editorErrors(source)).toEqual(["22:2339 Property 'foo' does not exist on type 'StepLR'."]);
  });

  // Every seed snippet type-checks as the student sees it in the editor: no red squiggles.
  const seeds = Object.values(seedArticles).flat();
  it.each(seeds.map((s) => [s.id, s.source] as const))('seed %s has no red squiggle', (id, source) => {
    expect(editorErrors(source)).toEqual([]);
  });
});
