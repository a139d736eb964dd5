/**
 * Build-time only (Node, used by vite.config.ts): emits the engine's `.d.ts` files with the
 * TypeScript compiler API, in memory, and serves them as the virtual module `virtual:engine-dts`
 * (`{ [path relative to engine/]: text }`). The editor hands them to Monaco's TypeScript service
 * so that `torch.`, `x.grad_fn.` and `nn.Linear(` complete and type-check against the real engine.
 */
import path from 'node:path';
import ts from 'typescript';
import type { Plugin } from 'vite';

const VIRTUAL_ID = 'virtual:engine-dts';
const RESOLVED_ID = '\0' + VIRTUAL_ID;

/** Declarations for `engineDir/index.ts` and everything it imports inside engineDir. */
export function emitEngineDeclarations(engineDir: string): Record<string, string> {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2023.d.ts'],
    types: [],
    declaration: true,
    emitDeclarationOnly: true,
    strict: true,
    skipLibCheck: true,
    stripInternal: true,
  };
  const program = ts.createProgram([path.join(engineDir, 'index.ts')], options);
  const files: Record<string, string> = {};
  const result = program.emit(undefined, (fileName, text) => {
    const rel = path.relative(engineDir, fileName).split(path.sep).join('/');
    // The program only reaches files the entry imports; anything outside engine/ stays out.
    if (!rel.startsWith('..')) files[rel] = text;
  });
  const errors = result.diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) {
    const host: ts.FormatDiagnosticsHost = {
      getCanonicalFileName: (f) => f,
      getCurrentDirectory: () => engineDir,
      getNewLine: () => '\n',
    };
    throw new Error('engine .d.ts emit failed:\n' + ts.formatDiagnostics(errors, host));
  }
  return files;
}

/** Vite plugin serving `virtual:engine-dts`; in dev it is rebuilt when an engine file changes. */
export function engineDts(engineDir: string): Plugin {
  return {
    name: 'gradlab-engine-dts',
    resolveId(id) {
      return id === VIRTUAL_ID ? RESOLVED_ID : undefined;
    },
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      const files = emitEngineDeclarations(engineDir);
      for (const file of Object.keys(files)) {
        this.addWatchFile(path.join(engineDir, file.replace(/\.d\.ts$/, '.ts')));
      }
      return `export default ${JSON.stringify(files)};`;
    },
  };
}
