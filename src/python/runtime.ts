/**
 * Python over the engine: starts Pyodide, writes our Python package (python/) into its file
 * system, registers the host module the package binds through, and runs programs as __main__.
 * Shared by the command line (src/python/cli.ts) and the playground's Python worker.
 */
import type { PyodideAPI } from 'pyodide';
import type { Tensor, torch as Torch } from '../../engine';
import { createHost, type HostOptions } from './host';

/** Whether WebAssembly can suspend for a promise (JSPI): Chromium can, Node 20 cannot. */
const stackSwitching = typeof (WebAssembly as { Suspending?: unknown }).Suspending === 'function';

/** Where the package lives inside Pyodide; the runner leaves its frames out of tracebacks. */
export const LIB_DIR = '/gradlab/lib';

export interface PythonRuntimeOptions extends HostOptions {
  pyodide: PyodideAPI;
  engine: typeof Torch;
  /** The package's files: path under python/ (`torch/__init__.py`) -> source. */
  files: Record<string, string>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface PythonError {
  /** Python's traceback, the program's own frames only, ending in `RuntimeError: ...`. */
  traceback: string;
  /** The line of the program the exception came from (1-based), or 0 when none. */
  line: number;
  /** The exception's class name (`RuntimeError`). */
  type: string;
  /** The status `python3` would exit with: 1, or SystemExit's code. */
  exitCode: number;
}

/** A top-level tensor of the program: the variable's name (a parameter's for a module's), its line. */
export interface ScopeEntry {
  name: string;
  tensor: Tensor;
  line: number;
}

export interface PythonRuntime {
  pyodide: PyodideAPI;
  /**
   * Runs `source` as the program `filename`; null when it ran to the end. Where the JavaScript
   * engine can switch stacks (JSPI: Chromium), the program may wait for a promise in the middle of
   * a synchronous call (`pyodide.ffi.run_sync`): `x.item()` of a GPU tensor waits for the GPU.
   */
  run(source: string, filename: string, opts?: { preload?: boolean }): Promise<PythonError | null>;
  /** The line of `filename` running now (its innermost frame), or 0. */
  userLine(filename: string): number;
  /** The last program's top-level tensors, with the lines that assign them in `source`. */
  scope(source: string): ScopeEntry[];
}

/** Text from Pyodide's byte streams, decoded across chunk boundaries. */
function textStream(write: (text: string) => void) {
  const decoder = new TextDecoder();
  return {
    write(buffer: Uint8Array): number {
      write(decoder.decode(buffer, { stream: true }));
      return buffer.length;
    },
  };
}

export function startPython(opts: PythonRuntimeOptions): PythonRuntime {
  const py = opts.pyodide;
  py.setStdout(textStream(opts.stdout));
  py.setStderr(textStream(opts.stderr));
  for (const [path, source] of Object.entries(opts.files)) {
    const full = `${LIB_DIR}/${path}`;
    py.FS.mkdirTree(full.slice(0, full.lastIndexOf('/')));
    py.FS.writeFile(full, source);
  }
  py.registerJsModule('_gradlab_host', createHost(opts.engine, { makeDot: opts.makeDot }));
  type PyResult = { toJs(opts?: object): unknown; destroy(): void };
  type PyRun = ((source: string, filename: string, preload: boolean) => PyResult | undefined) & {
    callPromising(source: string, filename: string, preload: boolean): Promise<PyResult | undefined>;
  };
  const gradlab = py.runPython(`
import sys
sys.path.insert(0, ${JSON.stringify(LIB_DIR)})
import _gradlab
_gradlab.block_unavailable_modules()
_gradlab
`) as { run: PyRun; user_line(filename: string): number; scope_entries(source: string): PyResult };
  const runner = gradlab.run;
  const userLine = gradlab.user_line;
  const scopeEntries = gradlab.scope_entries;
  return {
    pyodide: py,
    async run(source, filename, runOpts = {}) {
      const preload = runOpts.preload ?? false;
      const result = stackSwitching ? await runner.callPromising(source, filename, preload) : runner(source, filename, preload);
      if (!result) return null;
      const [traceback, line, type, exitCode] = result.toJs() as [string, number, string, number];
      result.destroy();
      return { traceback, line, type, exitCode };
    },
    userLine: (filename) => userLine(filename),
    scope(source) {
      const entries = scopeEntries(source);
      const list = entries.toJs({ depth: 2 }) as [string, Tensor, number][];
      entries.destroy();
      return list.map(([name, tensor, line]) => ({ name, tensor, line }));
    },
  };
}
