/**
 * The engine's run-time import graph has no cycle: a cycle makes a module see another half
 * initialised (an undefined class at import time, depending on which file a bundle enters first).
 * Type-only imports are erased by the compiler and do not count. The graph is read with the
 * TypeScript parser, as madge's `--circular` reads it.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ENGINE = path.dirname(new URL(import.meta.url).pathname);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

function allTypeOnly(elements: ts.NodeArray<ts.ImportSpecifier | ts.ExportSpecifier>): boolean {
  return elements.length > 0 && elements.every((e) => e.isTypeOnly);
}

/** The module specifiers `file` loads at run time (type-only imports and exports left out). */
function runtimeSpecifiers(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest);
  const specs: string[] = [];
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st)) {
      const c = st.importClause;
      if (c?.isTypeOnly) continue;
      if (c && !c.name && c.namedBindings && ts.isNamedImports(c.namedBindings) && allTypeOnly(c.namedBindings.elements)) continue;
      specs.push((st.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(st) && st.moduleSpecifier) {
      if (st.isTypeOnly) continue;
      if (st.exportClause && ts.isNamedExports(st.exportClause) && allTypeOnly(st.exportClause.elements)) continue;
      specs.push((st.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return specs;
}

/** The engine modules `file` loads at run time. */
function runtimeImports(file: string, text: string): string[] {
  return runtimeSpecifiers(file, text)
    .filter((s) => s.startsWith('.'))
    .map((s) => path.resolve(path.dirname(file), s))
    .map((r) => [`${r}.ts`, path.join(r, 'index.ts'), r].find((c) => c.endsWith('.ts') && existsSync(c)))
    .filter((r): r is string => r !== undefined);
}

/** Every strongly connected component of more than one module (or a module importing itself). */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || graph.get(v)?.includes(v)) found.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('engine import graph', () => {
  it('finds a cycle when there is one (the check itself)', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(cycles(g)).toEqual([['a', 'b', 'c']]);
    const text = "import type { T } from './t';\nimport { type U } from './u';\nimport { v, type W } from './v';\nexport type { X } from './x';\nexport { y } from './y';";
    expect(runtimeSpecifiers('a.ts', text)).toEqual(['./v', './y']);
  });

  it('has no run-time import cycle', () => {
    const graph = new Map(sources(ENGINE).map((f) => [f, runtimeImports(f, readFileSync(f, 'utf8'))] as const));
    expect(graph.size).toBeGreaterThan(50);
    expect(cycles(graph).map((c) => c.map((f) => path.relative(ENGINE, f)))).toEqual([]);
  });
});
