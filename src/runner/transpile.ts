/**
 * The snippet's TypeScript to JavaScript, in the browser. Sucrase only strips the types, so the
 * output keeps the student's line numbers (columns may shift where annotations were removed).
 */
import { transform } from 'sucrase';
import type { SnippetError } from './protocol';

export type Transpiled = { ok: true; code: string } | { ok: false; error: SnippetError };

export function transpile(source: string): Transpiled {
  try {
    return { ok: true, code: transform(source, { transforms: ['typescript'] }).code };
  } catch (e) {
    return { ok: false, error: syntaxError(e) };
  }
}

/** Sucrase's message ends in `(line:col)`; the place moves into the error's fields. */
function syntaxError(e: unknown): SnippetError {
  const raw = e instanceof Error ? e.message : String(e);
  const loc = (e as { loc?: { line?: number; column?: number } }).loc;
  const m = /\s*\((\d+):(\d+)\)\s*$/.exec(raw);
  const line = loc?.line ?? (m ? Number(m[1]) : null);
  const col = loc?.column ?? (m ? Number(m[2]) : null);
  const message = (m ? raw.slice(0, m.index) : raw).trim();
  return { kind: 'syntax', message: `SyntaxError: ${message}`, line, col };
}

/** A top-level `const|let|var NAME` of the (transpiled) snippet, with its 1-based line. */
export interface TopLevelBinding {
  name: string;
  line: number;
}

const DECL = /^(const|let|var)\s+([A-Za-z_$][\w$]*)/;

/**
 * The snippet's top-level simple bindings: a scan at brace depth 0 that skips strings, template
 * literals and comments. Destructuring and second declarators are skipped on purpose: the runner
 * only needs the names a student gives their tensors.
 */
export function topLevelBindings(code: string): TopLevelBinding[] {
  const found: TopLevelBinding[] = [];
  const seen = new Set<string>();
  let depth = 0;
  let line = 1;
  let i = 0;
  const n = code.length;
  // Template literal nesting: the brace depth at which each open `${` returns to its template.
  const templates: number[] = [];
  const skipString = (quote: string) => {
    i++;
    while (i < n && code[i] !== quote) {
      if (code[i] === '\\') i++;
      else if (code[i] === '\n') line++;
      i++;
    }
    i++;
  };
  const skipTemplate = () => {
    // From just after a backtick (or a closing `}` of `${`) to the closing backtick or a `${`.
    while (i < n) {
      const c = code[i];
      if (c === '\\') i += 2;
      else if (c === '`') {
        i++;
        return;
      } else if (c === '$' && code[i + 1] === '{') {
        i += 2;
        templates.push(depth);
        depth++;
        return;
      } else {
        if (c === '\n') line++;
        i++;
      }
    }
  };
  while (i < n) {
    const c = code[i];
    if (c === '\n') {
      line++;
      i++;
    } else if (c === '/' && code[i + 1] === '/') {
      while (i < n && code[i] !== '\n') i++;
    } else if (c === '/' && code[i + 1] === '*') {
      const end = code.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      for (let k = i; k < stop; k++) if (code[k] === '\n') line++;
      i = stop;
    } else if (c === '"' || c === "'") {
      skipString(c);
    } else if (c === '`') {
      i++;
      skipTemplate();
    } else if (c === '{' || c === '(' || c === '[') {
      depth++;
      i++;
    } else if (c === '}' || c === ')' || c === ']') {
      depth = Math.max(0, depth - 1);
      i++;
      if (c === '}' && templates.length && templates[templates.length - 1] === depth) {
        templates.pop();
        skipTemplate();
      }
    } else if (depth === 0 && (c === 'c' || c === 'l' || c === 'v') && (i === 0 || !/[\w$.]/.test(code[i - 1]))) {
      const m = DECL.exec(code.slice(i, i + 200));
      if (m && !seen.has(m[2])) {
        seen.add(m[2]);
        found.push({ name: m[2], line });
      }
      i += m ? m[0].length : 1;
    } else {
      i++;
    }
  }
  return found;
}
