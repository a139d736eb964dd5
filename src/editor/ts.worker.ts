/**
 * Monaco's TypeScript worker with one more method: `toPython(source)` ("Open in PyTorch",
 * src/export/python.ts) runs here, with the compiler this worker already holds, so the page never
 * downloads a second copy of TypeScript (1 MB gzipped) for the export.
 *
 * It stands in for Monaco's own `ts.worker.js` (what that module does, with our subclass), and the
 * build resolves Monaco's reference to that module here (vite.config.ts), so one worker ships.
 */
import { initialize } from 'monaco-editor/internal/common/initialize';
import { TypeScriptWorker } from 'monaco-editor/languages/features/typescript/tsWorker';
import { typescript } from 'monaco-editor/languages/features/typescript/lib/typescriptServices';
import { toPython, type PythonExport } from '../export/python';

export class GradlabTypeScriptWorker extends TypeScriptWorker {
  async toPython(source: string): Promise<PythonExport> {
    return toPython(source, typescript);
  }
}

self.onmessage = () => {
  initialize((ctx: unknown, createData: unknown) => new GradlabTypeScriptWorker(ctx, createData));
};
