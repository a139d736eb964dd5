/** Monaco's worker-side modules, which ship without typings: what src/editor/ts.worker.ts uses of them. */
declare module 'monaco-editor/internal/common/initialize' {
  export function initialize(create: (ctx: unknown, createData: unknown) => object): void;
}

declare module 'monaco-editor/languages/features/typescript/tsWorker' {
  export class TypeScriptWorker {
    constructor(ctx: unknown, createData: unknown);
  }
}

/** The `typescript` package's build inside Monaco. */
declare module 'monaco-editor/languages/features/typescript/lib/typescriptServices' {
  export const typescript: typeof import('typescript');
}
