/**
 * The TypeScript compiler that Monaco's TypeScript worker carries (the browser translates with that
 * one, src/editor/ts.worker.ts), loaded here for Node: tests and scripts parse with the very
 * build the page uses.
 */
export { typescript as monacoTypescript } from 'monaco-editor/languages/features/typescript/lib/typescriptServices';
