/**
 * Monaco, bundled from node_modules (no CDN: the app works offline), with the editor features,
 * the TypeScript language and Python's colouring only. CodeEditor imports this module dynamically, so this chunk, its CSS
 * and the workers load after the page shell has painted.
 */
import * as monaco from 'monaco-editor/editor';
// Every editor feature (suggest, hover, find, folding, …) but no language beyond TypeScript:
// `monaco-editor` itself would register ~80 languages. (A hand-picked feature list saved nothing:
// the TypeScript mode imports most features itself.)
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/typescript/register';
// Python mode's colouring (a Monarch tokenizer, loaded when a Python model first needs it).
import 'monaco-editor/languages/definitions/python/register';
import { getTypeScriptWorker, typescriptDefaults } from 'monaco-editor/languages/features/typescript/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TsWorker from './ts.worker?worker';
import engineDts from 'virtual:engine-dts';
import type { PythonExport } from '../export/python';
import type { GradlabTypeScriptWorker } from './ts.worker';
import { ENGINE_MODULE, SNIPPET_COMPILER_OPTIONS, SNIPPET_GLOBALS_DTS, SNIPPET_IGNORED_DIAGNOSTICS } from './snippetGlobals';

export { monaco };

// Vite bundles each `?worker` import as its own module worker; Monaco asks for one by label.
self.MonacoEnvironment = {
  getWorker(_workerId, label) {
    return label === 'typescript' || label === 'javascript' ? new TsWorker() : new EditorWorker();
  },
};

typescriptDefaults.setCompilerOptions(SNIPPET_COMPILER_OPTIONS);
typescriptDefaults.setDiagnosticsOptions({
  noSemanticValidation: false,
  noSyntaxValidation: false,
  diagnosticCodesToIgnore: SNIPPET_IGNORED_DIAGNOSTICS,
});
for (const [file, text] of Object.entries(engineDts)) {
  typescriptDefaults.addExtraLib(text, `file:///node_modules/${ENGINE_MODULE}/${file}`);
}
typescriptDefaults.addExtraLib(SNIPPET_GLOBALS_DTS, 'file:///gradlab-snippet-globals.d.ts');

let modelCount = 0;

/** A fresh TypeScript model per editor: two editors (or React's dev double mount) never share one. */
export function createSnippetModel(value: string): monaco.editor.ITextModel {
  modelCount += 1;
  return monaco.editor.createModel(value, 'typescript', monaco.Uri.parse(`file:///snippet-${modelCount}.ts`));
}

/** "Open in PyTorch": the snippet as a Python program, translated in the TypeScript worker (./ts.worker.ts). */
export async function toPython(source: string): Promise<PythonExport> {
  const getWorker = await getTypeScriptWorker();
  const worker = (await getWorker()) as unknown as GradlabTypeScriptWorker;
  return worker.toPython(source);
}
