/**
 * How the editor's TypeScript service sees a snippet: its compiler options, and the globals the
 * runner passes in (../../shared/API.md: torch, nn, F, optim, print, make_dot), typed from the
 * engine's `.d.ts`. No Monaco import here: engineDts.test.ts checks the seed snippets against
 * exactly this in Node.
 */
export const ENGINE_MODULE = 'gradlab-engine';

/** Plain numbers are the TypeScript enums' values (Monaco's enums lack some of them). */
export const SNIPPET_COMPILER_OPTIONS = {
  target: 99, // ScriptTarget.ESNext
  // What the snippet worker offers: the language up to ES2022 and a worker's globals (no DOM).
  lib: ['es2022', 'webworker'],
  module: 99, // ModuleKind.ESNext
  moduleResolution: 2, // ModuleResolutionKind.Node10: finds node_modules/gradlab-engine/index.d.ts
  // The runner runs a snippet as a function body, so its top-level names are local: as a module
  // the snippet cannot clash with lib globals (`const name = …`). The globals below stay visible:
  // `declare global` in a declaration file is global to every file.
  moduleDetection: 3, // ModuleDetectionKind.Force
  // Students write plain JavaScript-looking code: no strictness errors, no unused-name errors.
  strict: false,
  noImplicitAny: false,
  strictNullChecks: false,
  noUnusedLocals: false,
  noUnusedParameters: false,
  allowNonTsExtensions: true,
};

/** 1108: "A 'return' statement can only be used within a function body": a snippet is one. */
export const SNIPPET_IGNORED_DIAGNOSTICS = [1108];

/**
 * `nn` and `optim` are namespace aliases, so `nn.Linear` also works as a type; `Tensor` and
 * `torch.Tensor` are types only (there is no global `Tensor` value at run time).
 */
export const SNIPPET_GLOBALS_DTS = `import * as engine from '${ENGINE_MODULE}';
import type { DotGraph, MakeDotOptions } from '${ENGINE_MODULE}/viz';
// A snippet's modules take attributes as PyTorch's do (\`self.fc1 = nn.Linear(...)\` in the
// constructor, no field declarations): any attribute is allowed, the declared ones keep their types.
declare module '${ENGINE_MODULE}/nn/module' {
  interface Module {
    [attribute: string]: any;
  }
}
declare global {
  const torch: typeof engine.torch;
  namespace torch {
    type Tensor = engine.Tensor;
  }
  export import nn = engine.nn;
  export import optim = engine.optim;
  const F: typeof engine.F;
  type Tensor = engine.Tensor;
  /** Prints its arguments as Python's print would, one line in the console. */
  function print(...args: unknown[]): void;
  /** torchviz's make_dot: returns the graph model and shows the graph in the viewer. */
  function make_dot(outputs: Tensor | readonly Tensor[], opts?: MakeDotOptions): DotGraph;
}
`;
