/**
 * Python mode's runner: the snippet runner of src/runner/client.ts over Python workers
 * (python.worker.ts). Imported by the page only when a Python snippet first runs.
 */
import PythonWorker from './python.worker.ts?worker';
import { PageWorker, SnippetRunner, type RunCallbacks } from '../runner/client';

export function createPythonRunner(callbacks: RunCallbacks): SnippetRunner {
  return new SnippetRunner(callbacks, () => new PageWorker(new PythonWorker()));
}
