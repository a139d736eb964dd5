/**
 * "Open in PyTorch": a playground snippet (TypeScript, /work/shared/API.md's mapping) printed back
 * as the PyTorch program it stands for, so a student can check the numbers in real PyTorch.
 *
 * The snippet is parsed with the TypeScript compiler's own parser (a faithful AST, comments
 * included) and printed by a small recursive walk. The compiler is 1 MB gzipped, so the page has
 * no copy of its own: this module runs inside Monaco's TypeScript worker, which has one
 * (src/editor/ts.worker.ts).
 *
 * Whatever has no faithful Python form becomes a `# TODO(gradlab): ...` line and a note, never
 * a silent guess.
 */
import type * as TS from 'typescript';

/**
 * The TypeScript compiler this module parses with, handed in by the caller: in the browser the one
 * inside Monaco's TypeScript worker (src/editor/ts.worker.ts: no second copy of the compiler for
 * the page to download), in Node the same build of it (python.test.ts).
 */
let ts: typeof TS;

export interface PythonExport {
  /** The Python program, ending in a newline. */
  code: string;
  /** What the student should know: TODOs left in the code, syntax errors, approximations. */
  notes: string[];
}

/** Maps a playground snippet to a PyTorch program, parsed with `typescript`. Never throws. */
export function toPython(source: string, typescript: typeof TS): PythonExport {
  if (ts !== typescript) {
    ts = typescript;
    operatorTables();
  }
  const sf = ts.createSourceFile('snippet.ts', source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const declared = declaredNames(sf);
  // Names a snippet declares that Python reserves are renamed (`lambda` -> `lambda_`); so are names
  // that shadow a builtin the printout itself calls (a snippet's own `str`), found on a first pass.
  const renames = new Set([...declared].filter((n) => PY_KEYWORDS.has(n) || n === 'self'));
  let printer = new Printer(sf, renames);
  printer.run();
  const clashes = [...printer.usedBuiltins].filter((b) => declared.has(b) && !renames.has(b));
  if (clashes.length > 0) {
    for (const c of clashes) renames.add(c);
    printer = new Printer(sf, renames);
    printer.run();
  }
  return printer.result(renames);
}

// ---- Python's syntax facts -----------------------------------------------------------------------

const PY_KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif',
  'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or',
  'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
]);

/** Python's precedence levels, low to high: an operand below its context's level gets parentheses. */
const P = {
  lambda: 1, cond: 2, or: 3, and: 4, not: 5, cmp: 6, bor: 7, bxor: 8, band: 9, shift: 10, add: 11, mul: 12, unary: 13, pow: 14,
  primary: 16, atom: 17,
} as const;

type Code = readonly [text: string, prec: number];

let BINARY: Partial<Record<TS.SyntaxKind, [string, number]>>;
let COMPOUND_ASSIGN: Partial<Record<TS.SyntaxKind, string>>;

/** The operator tables, keyed by the given compiler's SyntaxKind numbers (they change between versions). */
function operatorTables(): void {
  BINARY = {
  [ts.SyntaxKind.PlusToken]: ['+', P.add],
  [ts.SyntaxKind.MinusToken]: ['-', P.add],
  [ts.SyntaxKind.AsteriskToken]: ['*', P.mul],
  [ts.SyntaxKind.SlashToken]: ['/', P.mul],
  [ts.SyntaxKind.PercentToken]: ['%', P.mul],
  [ts.SyntaxKind.AsteriskAsteriskToken]: ['**', P.pow],
  [ts.SyntaxKind.EqualsEqualsEqualsToken]: ['==', P.cmp],
  [ts.SyntaxKind.EqualsEqualsToken]: ['==', P.cmp],
  [ts.SyntaxKind.ExclamationEqualsEqualsToken]: ['!=', P.cmp],
  [ts.SyntaxKind.ExclamationEqualsToken]: ['!=', P.cmp],
  [ts.SyntaxKind.LessThanToken]: ['<', P.cmp],
  [ts.SyntaxKind.LessThanEqualsToken]: ['<=', P.cmp],
  [ts.SyntaxKind.GreaterThanToken]: ['>', P.cmp],
  [ts.SyntaxKind.GreaterThanEqualsToken]: ['>=', P.cmp],
  [ts.SyntaxKind.InKeyword]: ['in', P.cmp],
  [ts.SyntaxKind.AmpersandAmpersandToken]: ['and', P.and],
  [ts.SyntaxKind.BarBarToken]: ['or', P.or],
  [ts.SyntaxKind.AmpersandToken]: ['&', P.band],
  [ts.SyntaxKind.BarToken]: ['|', P.bor],
  [ts.SyntaxKind.CaretToken]: ['^', P.bxor],
  [ts.SyntaxKind.LessThanLessThanToken]: ['<<', P.shift],
  [ts.SyntaxKind.GreaterThanGreaterThanToken]: ['>>', P.shift],
  };
  COMPOUND_ASSIGN = {
  [ts.SyntaxKind.PlusEqualsToken]: '+=',
  [ts.SyntaxKind.MinusEqualsToken]: '-=',
  [ts.SyntaxKind.AsteriskEqualsToken]: '*=',
  [ts.SyntaxKind.SlashEqualsToken]: '/=',
  [ts.SyntaxKind.PercentEqualsToken]: '%=',
  [ts.SyntaxKind.AsteriskAsteriskEqualsToken]: '**=',
  [ts.SyntaxKind.AmpersandEqualsToken]: '&=',
  [ts.SyntaxKind.BarEqualsToken]: '|=',
  [ts.SyntaxKind.CaretEqualsToken]: '^=',
  [ts.SyntaxKind.LessThanLessThanEqualsToken]: '<<=',
  [ts.SyntaxKind.GreaterThanGreaterThanEqualsToken]: '>>=',
  };
}

/** API.md's `with` blocks: `torch.no_grad(() => { ... })` is `with torch.no_grad(): ...`. */
const CONTEXT_MANAGERS = new Set(['torch.no_grad', 'torch.enable_grad', 'torch.autograd.detect_anomaly']);

const DTYPES = new Set(['float32', 'float64', 'int64', 'bool', 'float', 'double', 'long', 'float16', 'int32', 'int8', 'uint8', 'int16']);

const TYPED_ARRAYS: Record<string, string> = {
  Float32Array: 'float32', Float64Array: 'float64', Int32Array: 'int32', Int16Array: 'int16', Int8Array: 'int8',
  Uint8Array: 'uint8', BigInt64Array: 'int64',
};

const MATH_FUNCTIONS = new Set(['sqrt', 'exp', 'log', 'log2', 'log10', 'sin', 'cos', 'tan', 'tanh', 'asin', 'acos', 'atan', 'atan2', 'floor', 'ceil', 'trunc', 'hypot', 'pow', 'sinh', 'cosh', 'log1p', 'expm1']);
const MATH_CONSTANTS: Record<string, string> = { PI: 'math.pi', E: 'math.e', LN2: 'math.log(2)', LN10: 'math.log(10)', SQRT2: 'math.sqrt(2)' };

/** `torch.mul(2, x)` is `2 * x` in Python, whose torch.mul wants a Tensor first (API.md's table). */
const SCALAR_FIRST_OPS: Record<string, [string, number]> = {
  'torch.add': ['+', P.add], 'torch.sub': ['-', P.add], 'torch.mul': ['*', P.mul], 'torch.div': ['/', P.mul], 'torch.pow': ['**', P.pow],
};

type Import = 'math' | 'random' | 'np' | 'nn' | 'F' | 'optim' | 'make_dot';
const IMPORT_LINES: [Import, string][] = [
  ['math', 'import math'],
  ['random', 'import random'],
  ['np', 'import numpy as np'],
  ['nn', 'import torch.nn as nn'],
  ['F', 'import torch.nn.functional as F'],
  ['optim', 'import torch.optim as optim'],
  ['make_dot', 'from torchviz import make_dot'],
];

// ---- scopes ------------------------------------------------------------------------------------

/** Every name the snippet binds (variables, functions, classes, parameters). */
function declaredNames(sf: TS.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (node: TS.Node): void => {
    if ((ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isBindingElement(node)) && ts.isIdentifier(node.name)) names.add(node.name.text);
    if ((ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node)) && node.name) names.add(node.name.text);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return names;
}

function bindingNames(name: TS.BindingName, into: Set<string>): void {
  if (ts.isIdentifier(name)) into.add(name.text);
  else for (const el of name.elements) if (!ts.isOmittedExpression(el)) bindingNames(el.name, into);
}

function isFunctionLike(node: TS.Node): node is TS.FunctionLikeDeclaration {
  return ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node)
    || ts.isConstructorDeclaration(node) || ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node);
}

/** The callback of `torch.no_grad(() => ...)`: printed inline, so it shares its parent's scope. */
function isInlinedCallback(node: TS.Node): boolean {
  const call = node.parent;
  return (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && ts.isCallExpression(call)
    && call.arguments[0] === node && CONTEXT_MANAGERS.has(dotted(call.expression) ?? '');
}

/** Names a function body declares and names it assigns, not looking into nested functions. */
function scopeFacts(body: TS.Node): { declared: Set<string>; assigned: Set<string> } {
  const declared = new Set<string>();
  const assigned = new Set<string>();
  const visit = (node: TS.Node): void => {
    if (isFunctionLike(node) && !isInlinedCallback(node)) {
      if (ts.isFunctionDeclaration(node) && node.name) declared.add(node.name.text);
      return;
    }
    if (ts.isClassDeclaration(node)) {
      if (node.name) declared.add(node.name.text);
      return;
    }
    if (ts.isVariableDeclaration(node)) bindingNames(node.name, declared);
    if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment
      && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) collectTargets(node.left, assigned);
    if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node))
      && (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)
      && ts.isIdentifier(node.operand)) assigned.add(node.operand.text);
    ts.forEachChild(node, visit);
  };
  visit(body);
  return { declared, assigned };
}

function collectTargets(target: TS.Expression, into: Set<string>): void {
  if (ts.isIdentifier(target)) into.add(target.text);
  else if (ts.isArrayLiteralExpression(target)) for (const e of target.elements) collectTargets(e, into);
  else if (ts.isParenthesizedExpression(target)) collectTargets(target.expression, into);
}

/** `a.b.c` for an identifier/property chain, else null. */
function dotted(node: TS.Expression): string | null {
  if (ts.isIdentifier(node)) return node.text;
  if (ts.isPropertyAccessExpression(node) && !node.questionDotToken) {
    const left = dotted(node.expression);
    return left === null ? null : `${left}.${node.name.text}`;
  }
  return null;
}

function unwrap(node: TS.Expression): TS.Expression {
  while (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node)
    || ts.isTypeAssertionExpression(node) || ts.isSatisfiesExpression(node)) node = node.expression;
  return node;
}

function isNumberLiteral(node: TS.Expression): boolean {
  node = unwrap(node);
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken) node = unwrap(node.operand);
  return ts.isNumericLiteral(node);
}

function isStringy(node: TS.Expression): boolean {
  node = unwrap(node);
  return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)
    || (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken && (isStringy(node.left) || isStringy(node.right)));
}

/** A Python string literal for `value`, in single quotes unless the text holds one. */
export function pyString(value: string, quote?: '"' | "'"): string {
  const q = quote ?? (value.includes("'") && !value.includes('"') ? '"' : "'");
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === q) out += '\\' + q;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += '\\x' + code.toString(16).padStart(2, '0');
    else out += ch;
  }
  return q + out + q;
}

function wrap([text, prec]: Code, min: number): string {
  return prec < min ? `(${text})` : text;
}

// ---- the printer ---------------------------------------------------------------------------------

type ReturnMode = 'return' | { assign: string } | 'discard';

interface Scope {
  kind: 'module' | 'function';
  declared: Set<string>;
}

class Printer {
  readonly usedBuiltins = new Set<string>();
  private readonly text: string;
  private readonly notes: string[] = [];
  private readonly imports = new Set<Import>();
  private lines: string[] = [];
  private pending: string[] = [];
  private depth = 0;
  private temps = 0;
  private scopes: Scope[] = [];
  private inClass = 0;
  private readonly userFunctions = new Set<string>();

  constructor(private readonly sf: TS.SourceFile, private readonly renames: ReadonlySet<string>) {
    this.text = sf.text;
  }

  run(): void {
    const diagnostics = (this.sf as unknown as { parseDiagnostics?: TS.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
    for (const d of diagnostics) {
      this.note(d.start ?? 0, `syntax error: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}; the Python below may be incomplete`);
    }
    for (const s of this.sf.statements) {
      if (ts.isFunctionDeclaration(s) && s.name) this.userFunctions.add(s.name.text);
      if (ts.isVariableStatement(s)) {
        for (const d of s.declarationList.declarations) {
          if (ts.isIdentifier(d.name) && d.initializer && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer))) this.userFunctions.add(d.name.text);
        }
      }
    }
    this.scopes.push({ kind: 'module', declared: scopeFacts(this.sf).declared });
    this.statements(this.sf.statements, 0, this.text.length);
  }

  result(renames: ReadonlySet<string>): PythonExport {
    const header = ['import torch', ...IMPORT_LINES.filter(([k]) => this.imports.has(k)).map(([, line]) => line)];
    const body = this.lines.slice();
    while (body.length && body[0] === '') body.shift();
    while (body.length && body[body.length - 1] === '') body.pop();
    const notes = [...this.notes];
    if (renames.size > 0) {
      notes.push(`renamed ${[...renames].sort().map((n) => `\`${n}\` to \`${n}_\``).join(', ')}: Python reserves or uses these names`);
    }
    return { code: [...header, '', ...body].join('\n') + '\n', notes };
  }

  // -- output helpers --

  private note(pos: number, message: string): void {
    const line = this.sf.getLineAndCharacterOfPosition(pos).line + 1;
    const text = `line ${line}: ${message}`;
    if (!this.notes.includes(text)) this.notes.push(text);
  }

  /** Leaves a TODO in the code (before the statement being printed) and a note. */
  private todo(node: TS.Node, what: string): void {
    const snippet = node.getText(this.sf).split('\n')[0]!.slice(0, 80);
    this.pending.push(`${this.pad()}# TODO(gradlab): ${what}: ${snippet}`);
    this.note(node.getStart(this.sf), `${what} (left as a TODO)`);
  }

  private pad(): string {
    return '    '.repeat(this.depth);
  }

  private emit(line: string): void {
    this.flush();
    this.lines.push(this.pad() + line);
  }

  private flush(): void {
    if (this.pending.length) this.lines.push(...this.pending);
    this.pending = [];
  }

  private blank(): void {
    const last = this.lines[this.lines.length - 1];
    if (last === undefined || last === '' || last.trimEnd().endsWith(':')) return;
    this.lines.push('');
  }

  private block(emitBody: () => void): void {
    this.depth++;
    const before = this.lines.length;
    emitBody();
    this.flush();
    if (!this.lines.slice(before).some((l) => l.trim() !== '' && !l.trim().startsWith('#'))) this.emit('pass');
    this.depth--;
  }

  private builtin(name: string): string {
    this.usedBuiltins.add(name);
    return name;
  }

  // -- comments and blank lines --

  private comments(from: number, to: number): void {
    const text = this.text;
    const trailing = from > 0 ? (ts.getTrailingCommentRanges(text, from) ?? []).filter((c) => c.end <= to) : [];
    for (const c of trailing) {
      const last = this.lines.length - 1;
      const comment = commentLines(text.slice(c.pos, c.end));
      if (last >= 0 && comment.length === 1) this.lines[last] += `  ${comment[0]}`;
      else for (const l of comment) this.lines.push(this.pad() + l);
    }
    let cursor = trailing.length ? trailing[trailing.length - 1]!.end : from;
    const leading = (ts.getLeadingCommentRanges(text, from) ?? []).filter((c) => c.pos >= cursor && c.end <= to);
    for (const c of leading) {
      if (/\n[ \t]*\r?\n/.test(text.slice(cursor, c.pos))) this.blank();
      for (const l of commentLines(text.slice(c.pos, c.end))) this.lines.push(this.pad() + l);
      cursor = c.end;
    }
    if (/\n[ \t]*\r?\n/.test(text.slice(cursor, to))) this.blank();
  }

  private list<T extends TS.Node>(nodes: readonly T[], from: number, to: number, each: (n: T) => void): void {
    let prev = from;
    for (const n of nodes) {
      this.comments(prev, n.getStart(this.sf));
      each(n);
      this.flush();
      prev = n.end;
    }
    this.comments(prev, to);
  }

  private statements(nodes: readonly TS.Statement[], from: number, to: number): void {
    this.list(nodes, from, to, (s) => this.statement(s));
  }

  /** A statement or block as the body of a compound statement. */
  private body(node: TS.Statement): void {
    this.block(() => {
      if (ts.isBlock(node)) this.statements(node.statements, node.getStart(this.sf) + 1, node.end - 1);
      else this.statement(node);
    });
  }

  // -- statements --

  private statement(node: TS.Statement): void {
    if (ts.isVariableStatement(node)) return this.variableStatement(node.declarationList);
    if (ts.isExpressionStatement(node)) return this.expressionStatement(node.expression);
    if (ts.isIfStatement(node)) return this.ifStatement(node, 'if');
    if (ts.isForStatement(node)) return this.forStatement(node);
    if (ts.isForOfStatement(node)) {
      if (node.awaitModifier) return this.todoStatement(node, '`for await` has no direct Python equivalent here');
      this.emit(`for ${this.loopTarget(node.initializer)} in ${this.expr(node.expression)}:`);
      return this.body(node.statement);
    }
    if (ts.isForInStatement(node)) return this.todoStatement(node, '`for ... in` walks keys as strings; write `for k in obj:` or `range(len(arr))` by hand');
    if (ts.isWhileStatement(node)) {
      this.emit(`while ${this.expr(node.expression)}:`);
      return this.body(node.statement);
    }
    if (ts.isDoStatement(node)) {
      this.emit('while True:');
      this.block(() => {
        if (ts.isBlock(node.statement)) this.statements(node.statement.statements, node.statement.getStart(this.sf) + 1, node.statement.end - 1);
        else this.statement(node.statement);
        this.emit(`if not ${wrap(this.code(node.expression), P.not)}:`);
        this.block(() => this.emit('break'));
      });
      return;
    }
    if (ts.isBreakStatement(node) || ts.isContinueStatement(node)) {
      if (node.label) return this.todoStatement(node, 'labelled break/continue has no Python equivalent');
      return this.emit(ts.isBreakStatement(node) ? 'break' : 'continue');
    }
    if (ts.isReturnStatement(node)) {
      if (this.scopes[this.scopes.length - 1]!.kind === 'module') return this.todoStatement(node, '`return` outside a function');
      if (node.expression && this.contextCall(node.expression)) return this.withBlock(this.contextCall(node.expression)!, 'return');
      return this.emit(node.expression ? `return ${this.expr(node.expression)}` : 'return');
    }
    if (ts.isFunctionDeclaration(node)) {
      if (!node.body || !node.name) return;
      return this.def(this.ident(node.name.text), node, false);
    }
    if (ts.isClassDeclaration(node)) return this.classDeclaration(node);
    if (ts.isThrowStatement(node)) return this.emit(`raise ${this.exception(node.expression)}`);
    if (ts.isTryStatement(node)) return this.tryStatement(node);
    if (ts.isBlock(node)) return this.statements(node.statements, node.getStart(this.sf) + 1, node.end - 1);
    if (ts.isEmptyStatement(node)) return;
    if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) return; // types only: nothing at run time
    if (ts.isSwitchStatement(node)) return this.todoStatement(node, '`switch` is not translated; write it as if/elif');
    return this.todoStatement(node, `${ts.SyntaxKind[node.kind]} is not translated`);
  }

  private todoStatement(node: TS.Node, what: string): void {
    this.todo(node, what);
    this.flush();
  }

  private variableStatement(list: TS.VariableDeclarationList): void {
    for (const d of list.declarations) {
      if (ts.isIdentifier(d.name)) {
        const name = this.ident(d.name.text);
        const init = d.initializer && unwrap(d.initializer);
        if (!init) this.emit(`${name} = None`);
        else if ((ts.isArrowFunction(init) || ts.isFunctionExpression(init)) && !isInlinedCallback(init)) this.def(name, init, false);
        else this.assign(name, init);
      } else if (ts.isArrayBindingPattern(d.name)) {
        if (d.initializer) this.assign(this.arrayPattern(d.name), d.initializer);
      } else if (d.initializer) {
        // `const {values, indices} = x.max(0)`: the engine's result objects have these as attributes.
        let source = this.expr(d.initializer);
        if (!ts.isIdentifier(unwrap(d.initializer))) {
          const tmp = `_t${++this.temps}`;
          this.emit(`${tmp} = ${source}`);
          source = tmp;
        }
        for (const el of d.name.elements) {
          if (!ts.isIdentifier(el.name) || el.dotDotDotToken || el.initializer) {
            this.todo(el, 'this destructuring form is not translated');
            continue;
          }
          const prop = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text;
          this.emit(`${this.ident(el.name.text)} = ${source}.${prop}`);
        }
      }
    }
  }

  private arrayPattern(p: TS.ArrayBindingPattern): string {
    const parts = p.elements.map((el) => {
      if (ts.isOmittedExpression(el)) return '_';
      if (el.initializer) this.todo(el, 'default values in destructuring are not translated');
      const name = ts.isIdentifier(el.name) ? this.ident(el.name.text) : ts.isArrayBindingPattern(el.name) ? `(${this.arrayPattern(el.name)})` : this.todoExpr(el.name, 'object destructuring inside an array pattern');
      return el.dotDotDotToken ? `*${name}` : name;
    });
    return parts.length === 1 ? `${parts[0]},` : parts.join(', ');
  }

  private loopTarget(init: TS.ForInitializer): string {
    if (ts.isVariableDeclarationList(init)) {
      const name = init.declarations[0]!.name;
      if (ts.isIdentifier(name)) return this.ident(name.text);
      if (ts.isArrayBindingPattern(name)) return this.arrayPattern(name);
      return this.todoExpr(name, 'object destructuring in a for loop');
    }
    return this.expr(init);
  }

  private assign(target: string, value: TS.Expression): void {
    const call = this.contextCall(value);
    if (call) return this.withBlock(call, { assign: target });
    this.emit(`${target} = ${this.expr(value)}`);
  }

  private expressionStatement(e: TS.Expression): void {
    e = unwrap(e);
    const call = this.contextCall(e);
    if (call) return this.withBlock(call, 'discard');
    if (ts.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      if (op === ts.SyntaxKind.EqualsToken) {
        // `a = b = c` is a Python statement too.
        const targets = [this.target(e.left)];
        let value = unwrap(e.right);
        while (ts.isBinaryExpression(value) && value.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
          targets.push(this.target(value.left));
          value = unwrap(value.right);
        }
        return this.assign(targets.join(' = '), value);
      }
      const compound = COMPOUND_ASSIGN[op];
      if (compound) return this.emit(`${this.target(e.left)} ${compound} ${this.expr(e.right)}`);
    }
    if ((ts.isPrefixUnaryExpression(e) || ts.isPostfixUnaryExpression(e))
      && (e.operator === ts.SyntaxKind.PlusPlusToken || e.operator === ts.SyntaxKind.MinusMinusToken)) {
      return this.emit(`${this.target(e.operand)} ${e.operator === ts.SyntaxKind.PlusPlusToken ? '+=' : '-='} 1`);
    }
    if (ts.isDeleteExpression(e)) return this.emit(`del ${this.expr(e.expression)}`);
    this.emit(this.expr(e));
  }

  private target(e: TS.Expression): string {
    e = unwrap(e);
    if (ts.isArrayLiteralExpression(e)) {
      const parts = e.elements.map((el) => (ts.isOmittedExpression(el) ? '_' : ts.isSpreadElement(el) ? `*${this.expr(el.expression)}` : this.target(el)));
      return parts.length === 1 ? `${parts[0]},` : parts.join(', ');
    }
    return this.expr(e);
  }

  private ifStatement(node: TS.IfStatement, keyword: 'if' | 'elif'): void {
    this.emit(`${keyword} ${this.expr(node.expression)}:`);
    this.body(node.thenStatement);
    const other = node.elseStatement;
    if (!other) return;
    if (ts.isIfStatement(other)) return this.ifStatement(other, 'elif');
    this.emit('else:');
    this.body(other);
  }

  /** `for (let i = a; i < b; i++)` is `for i in range(a, b):`; any other `for` becomes a while loop. */
  private forStatement(node: TS.ForStatement): void {
    const range = this.rangeLoop(node);
    if (range) {
      this.emit(`for ${range.name} in ${this.builtin('range')}(${range.args.join(', ')}):`);
      return this.body(node.statement);
    }
    if (node.initializer) {
      if (ts.isVariableDeclarationList(node.initializer)) this.variableStatement(node.initializer);
      else this.expressionStatement(node.initializer);
    }
    if (node.incrementor && hasOwnContinue(node.statement)) this.todo(node, '`continue` in this loop would skip its update step; check the while loop below');
    this.emit(`while ${node.condition ? this.expr(node.condition) : 'True'}:`);
    this.block(() => {
      if (ts.isBlock(node.statement)) this.statements(node.statement.statements, node.statement.getStart(this.sf) + 1, node.statement.end - 1);
      else this.statement(node.statement);
      if (node.incrementor) this.expressionStatement(node.incrementor);
    });
  }

  private rangeLoop(node: TS.ForStatement): { name: string; args: string[] } | null {
    const init = node.initializer;
    if (!init || !ts.isVariableDeclarationList(init) || init.declarations.length !== 1) return null;
    const decl = init.declarations[0]!;
    if (!ts.isIdentifier(decl.name) || !decl.initializer) return null;
    const v = decl.name.text;
    const cond = node.condition && unwrap(node.condition);
    if (!cond || !ts.isBinaryExpression(cond) || !ts.isIdentifier(cond.left) || cond.left.text !== v) return null;
    const step = stepOf(node.incrementor, v);
    if (step === null || step === 0) return null;
    if (scopeFacts(node.statement).assigned.has(v)) return null;
    const op = cond.operatorToken.kind;
    const up = op === ts.SyntaxKind.LessThanToken || op === ts.SyntaxKind.LessThanEqualsToken;
    const down = op === ts.SyntaxKind.GreaterThanToken || op === ts.SyntaxKind.GreaterThanEqualsToken;
    if (!(up && step > 0) && !(down && step < 0)) return null;
    const inclusive = op === ts.SyntaxKind.LessThanEqualsToken || op === ts.SyntaxKind.GreaterThanEqualsToken;
    const start = this.expr(decl.initializer);
    let end = this.expr(cond.right);
    if (inclusive) {
      const r = unwrap(cond.right);
      end = ts.isNumericLiteral(r) && Number.isInteger(Number(r.text)) ? String(Number(r.text) + (up ? 1 : -1)) : `${wrap(this.code(cond.right), P.add + 1)} ${up ? '+' : '-'} 1`;
    }
    const args = step === 1 && start === '0' ? [end] : step === 1 ? [start, end] : [start, end, String(step)];
    return { name: this.ident(v), args };
  }

  private tryStatement(node: TS.TryStatement): void {
    this.emit('try:');
    this.body(node.tryBlock);
    if (node.catchClause) {
      const v = node.catchClause.variableDeclaration;
      this.emit(v && ts.isIdentifier(v.name) ? `except Exception as ${this.ident(v.name.text)}:` : 'except Exception:');
      this.body(node.catchClause.block);
    }
    if (node.finallyBlock) {
      this.emit('finally:');
      this.body(node.finallyBlock);
    }
  }

  private exception(e: TS.Expression): string {
    const inner = unwrap(e);
    if (ts.isNewExpression(inner) && ts.isIdentifier(inner.expression)) {
      const cls = { Error: 'Exception', TypeError: 'TypeError', RangeError: 'ValueError' }[inner.expression.text];
      if (cls) return `${this.builtin(cls)}(${(inner.arguments ?? []).map((a) => this.expr(a)).join(', ')})`;
    }
    return `${this.builtin('Exception')}(${this.expr(e)})`;
  }

  // -- functions and classes --

  /** `torch.no_grad(() => ...)` and friends, when `node` is such a call with an inline callback. */
  private contextCall(node: TS.Expression): TS.CallExpression | null {
    const e = unwrap(node);
    if (!ts.isCallExpression(e) || !CONTEXT_MANAGERS.has(dotted(e.expression) ?? '') || e.arguments.length !== 1) return null;
    const fn = unwrap(e.arguments[0]!);
    return (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && fn.parameters.length === 0 ? e : null;
  }

  private withBlock(call: TS.CallExpression, mode: ReturnMode): void {
    const fn = unwrap(call.arguments[0]!) as TS.ArrowFunction | TS.FunctionExpression;
    this.emit(`with ${dotted(call.expression)}():`);
    this.block(() => {
      if (!ts.isBlock(fn.body)) return this.returnValue(fn.body, mode);
      const stmts = fn.body.statements;
      const last = stmts[stmts.length - 1];
      if (mode !== 'return') {
        for (const r of ownReturns(fn.body)) if (r !== last) this.todo(r, 'an early `return` inside this callback has no place in a `with` block');
      }
      this.list(stmts, fn.body.getStart(this.sf) + 1, fn.body.end - 1, (s) => {
        if (s === last && ts.isReturnStatement(s) && mode !== 'return') {
          if (s.expression) this.returnValue(s.expression, mode);
        } else this.statement(s);
      });
    });
  }

  private returnValue(value: TS.Expression, mode: ReturnMode): void {
    if (mode === 'return') this.emit(`return ${this.expr(value)}`);
    else if (mode === 'discard') this.expressionStatement(value);
    else this.assign(mode.assign, value);
  }

  private params(fn: TS.SignatureDeclaration, self: boolean): string {
    const out = self ? ['self'] : [];
    for (const p of fn.parameters) {
      if (!ts.isIdentifier(p.name)) {
        out.push(this.todoExpr(p.name, 'destructured parameters are not translated'));
        continue;
      }
      const name = this.ident(p.name.text);
      out.push(p.dotDotDotToken ? `*${name}` : p.initializer ? `${name}=${this.expr(p.initializer)}` : name);
    }
    return out.join(', ');
  }

  /** A `def`, with the `global`/`nonlocal` lines Python needs for names it assigns but does not own. */
  private def(name: string, fn: TS.FunctionLikeDeclaration, method: boolean, decorator?: string): void {
    if (fn.asteriskToken || fn.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) {
      return this.todoStatement(fn, 'async and generator functions are not translated');
    }
    const body = fn.body!;
    const facts = scopeFacts(body);
    for (const p of fn.parameters) bindingNames(p.name, facts.declared);
    if (decorator) this.emit(decorator);
    this.emit(`def ${name}(${this.params(fn, method)}):`);
    this.scopes.push({ kind: 'function', declared: facts.declared });
    this.block(() => {
      const outer = [...facts.assigned].filter((n) => !facts.declared.has(n));
      const nonlocal = outer.filter((n) => this.scopes.slice(1, -1).some((s) => s.declared.has(n)));
      const global = outer.filter((n) => !nonlocal.includes(n));
      if (global.length) this.emit(`global ${global.map((n) => this.ident(n)).join(', ')}`);
      if (nonlocal.length) this.emit(`nonlocal ${nonlocal.map((n) => this.ident(n)).join(', ')}`);
      if (ts.isBlock(body)) this.statements(body.statements, body.getStart(this.sf) + 1, body.end - 1);
      else this.emit(`return ${this.expr(body)}`);
    });
    this.scopes.pop();
  }

  private classDeclaration(node: TS.ClassDeclaration): void {
    const name = node.name ? this.ident(node.name.text) : this.todoExpr(node, 'an anonymous class');
    const ext = node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
    this.emit(ext ? `class ${name}(${this.expr(ext.expression)}):` : `class ${name}:`);
    this.inClass++;
    const fields = node.members.filter((m): m is TS.PropertyDeclaration => ts.isPropertyDeclaration(m) && !!m.initializer && !isStatic(m));
    const ctor = node.members.find((m): m is TS.ConstructorDeclaration => ts.isConstructorDeclaration(m) && !!m.body);
    this.block(() => {
      if (!ctor && fields.length) {
        // Class fields are set in __init__ in Python, after nn.Module's own __init__.
        this.emit('def __init__(self):');
        this.scopes.push({ kind: 'function', declared: new Set() });
        this.block(() => {
          if (ext) this.emit('super().__init__()');
          for (const f of fields) this.field(f);
        });
        this.scopes.pop();
      }
      const members = node.members.filter((m) => !(ts.isPropertyDeclaration(m) && (!m.initializer || !isStatic(m))) && !(ts.isConstructorDeclaration(m) && !m.body));
      this.list(members, node.members.pos, node.end - 1, (m) => {
        this.blank();
        if (ts.isConstructorDeclaration(m)) return this.constructorDef(m, fields);
        if (ts.isMethodDeclaration(m) && ts.isIdentifier(m.name) && m.body && !isStatic(m)) return this.def(this.methodName(m.name.text), m, true);
        if (ts.isGetAccessorDeclaration(m) && ts.isIdentifier(m.name) && m.body && !isStatic(m)) return this.def(m.name.text, m, true, '@property');
        if (ts.isSemicolonClassElement(m)) return;
        this.todoStatement(m, 'this class member is not translated');
      });
    });
    this.inClass--;
  }

  private methodName(name: string): string {
    return PY_KEYWORDS.has(name) ? `${name}_` : name;
  }

  private field(f: TS.PropertyDeclaration): void {
    if (!ts.isIdentifier(f.name)) return this.todoStatement(f, 'a computed field name');
    this.emit(`self.${f.name.text} = ${this.expr(f.initializer!)}`);
  }

  /** The constructor as __init__: `super(...)` becomes `super().__init__(...)`; fields follow it. */
  private constructorDef(ctor: TS.ConstructorDeclaration, fields: TS.PropertyDeclaration[]): void {
    const body = ctor.body!;
    const facts = scopeFacts(body);
    for (const p of ctor.parameters) bindingNames(p.name, facts.declared);
    this.emit(`def __init__(${this.params(ctor, true)}):`);
    this.scopes.push({ kind: 'function', declared: facts.declared });
    const superIndex = body.statements.findIndex((s) => ts.isExpressionStatement(s) && ts.isCallExpression(s.expression) && s.expression.expression.kind === ts.SyntaxKind.SuperKeyword);
    this.block(() => {
      if (superIndex < 0) for (const f of fields) this.field(f);
      this.list(body.statements, body.getStart(this.sf) + 1, body.end - 1, (s) => {
        this.statement(s);
        if (s === body.statements[superIndex]) for (const f of fields) this.field(f);
      });
    });
    this.scopes.pop();
  }

  // -- expressions --

  private expr(node: TS.Node): string {
    return this.code(node)[0];
  }

  private todoExpr(node: TS.Node, what: string): string {
    this.todo(node, what);
    return '...';
  }

  private ident(name: string): string {
    return this.renames.has(name) ? `${name}_` : name;
  }

  private code(node: TS.Node): Code {
    if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node)
      || ts.isTypeAssertionExpression(node) || ts.isSatisfiesExpression(node)) return this.code(node.expression);
    if (ts.isIdentifier(node)) return [this.identifier(node), P.atom];
    // `await x.item_async()` reads a GPU value; PyTorch's item() simply waits.
    if (ts.isAwaitExpression(node) && isAsyncRead(node.expression)) return this.code(node.expression);
    switch (node.kind) {
      case ts.SyntaxKind.TrueKeyword: return ['True', P.atom];
      case ts.SyntaxKind.FalseKeyword: return ['False', P.atom];
      case ts.SyntaxKind.NullKeyword: return ['None', P.atom];
      case ts.SyntaxKind.ThisKeyword:
        return this.inClass ? ['self', P.atom] : [this.todoExpr(node, '`this` outside a class'), P.atom];
    }
    if (ts.isNumericLiteral(node)) return [node.getText(this.sf), P.atom];
    if (ts.isBigIntLiteral(node)) return [node.text.replace(/n$/, ''), P.atom];
    if (ts.isStringLiteral(node) && node.text === 'webgpu') {
      this.note(node.getStart(this.sf), "renamed device 'webgpu' to 'cuda' (PyTorch's GPU device)");
      return ["'cuda'", P.atom];
    }
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [pyString(node.text), P.atom];
    if (ts.isTemplateExpression(node)) return this.template(node);
    if (ts.isArrayLiteralExpression(node)) return [this.array(node, false), P.atom];
    if (ts.isObjectLiteralExpression(node)) return [this.dict(node), P.atom];
    if (ts.isPropertyAccessExpression(node)) return this.property(node);
    if (ts.isElementAccessExpression(node)) {
      if (node.questionDotToken) return [this.todoExpr(node, 'optional chaining (`?.`) is not translated'), P.atom];
      return [`${wrap(this.code(node.expression), P.primary)}[${this.expr(node.argumentExpression)}]`, P.primary];
    }
    if (ts.isCallExpression(node)) return this.call(node);
    if (ts.isNewExpression(node)) return this.newExpression(node);
    if (ts.isPrefixUnaryExpression(node)) return this.prefix(node);
    if (ts.isBinaryExpression(node)) return this.binary(node);
    if (ts.isConditionalExpression(node)) {
      return [`${wrap(this.code(node.whenTrue), P.cond + 1)} if ${wrap(this.code(node.condition), P.cond + 1)} else ${wrap(this.code(node.whenFalse), P.cond)}`, P.cond];
    }
    if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return this.functionValue(node);
    if (ts.isSpreadElement(node)) return [`*${wrap(this.code(node.expression), P.primary)}`, P.atom];
    if (ts.isPostfixUnaryExpression(node)) return [this.todoExpr(node, '`++`/`--` inside an expression is not translated'), P.atom];
    if (ts.isTypeOfExpression(node)) return [this.todoExpr(node, '`typeof` is not translated'), P.atom];
    if (ts.isRegularExpressionLiteral(node)) return [this.todoExpr(node, 'regular expressions are not translated'), P.atom];
    return [this.todoExpr(node, `${ts.SyntaxKind[node.kind]} is not translated`), P.atom];
  }

  private identifier(node: TS.Identifier): string {
    const name = node.text;
    if (name === 'undefined') return 'None';
    if (name === 'NaN') return `${this.builtin('float')}('nan')`;
    if (name === 'Infinity') return `${this.builtin('float')}('inf')`;
    if (!this.isDeclared(name)) {
      if (name === 'nn' || name === 'F' || name === 'optim' || name === 'make_dot') this.imports.add(name);
      if (name === 'Math') return this.todoExpr(node, '`Math` on its own is not translated');
    }
    return this.ident(name);
  }

  private isDeclared(name: string): boolean {
    return this.scopes.some((s) => s.declared.has(name));
  }

  /**
   * Arrays are Python lists, except where the engine prints them: `print([a, b])` writes a tuple
   * (`(a, b)`), so there (and inside such a tuple) they are tuples.
   */
  private array(node: TS.ArrayLiteralExpression, tuple: boolean): string {
    const items = node.elements.map((e) => {
      const inner = unwrap(e);
      if (ts.isArrayLiteralExpression(inner)) return this.array(inner, tuple);
      if (ts.isOmittedExpression(inner)) return this.todoExpr(node, 'holes in array literals');
      return this.expr(e);
    });
    if (!tuple) return `[${items.join(', ')}]`;
    return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
  }

  private dict(node: TS.ObjectLiteralExpression): string {
    const items = node.properties.map((p) => {
      if (ts.isPropertyAssignment(p)) return `${this.key(p.name)}: ${this.expr(p.initializer)}`;
      if (ts.isShorthandPropertyAssignment(p)) return `${pyString(p.name.text)}: ${this.ident(p.name.text)}`;
      if (ts.isSpreadAssignment(p)) return `**${wrap(this.code(p.expression), P.primary)}`;
      return this.todoExpr(p, 'methods in object literals are not translated');
    });
    return `{${items.join(', ')}}`;
  }

  private key(name: TS.PropertyName): string {
    if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isPrivateIdentifier(name)) return pyString(name.text);
    if (ts.isNumericLiteral(name)) return name.text;
    if (ts.isComputedPropertyName(name)) return this.expr(name.expression);
    return this.todoExpr(name, 'this property name is not translated');
  }

  /** An options object as keyword arguments: `{requires_grad: true}` -> `requires_grad=True`. */
  private kwargs(node: TS.ObjectLiteralExpression): string[] | null {
    const out: string[] = [];
    for (const p of node.properties) {
      if (ts.isShorthandPropertyAssignment(p)) out.push(`${p.name.text}=${this.ident(p.name.text)}`);
      else if (ts.isSpreadAssignment(p)) out.push(`**${wrap(this.code(p.expression), P.primary)}`);
      else if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || (ts.isStringLiteral(p.name) && /^[A-Za-z_]\w*$/.test(p.name.text)))) {
        out.push(`${p.name.text}=${this.option(p.name.text, p.initializer)}`);
      } else return null;
    }
    return out;
  }

  /** An option's value: dtype strings are torch dtypes in Python; WebGPU is PyTorch's CUDA. */
  private option(name: string, value: TS.Expression): string {
    const v = unwrap(value);
    if (name === 'dtype' && ts.isStringLiteral(v) && DTYPES.has(v.text)) return `torch.${v.text}`;
    if (name === 'device' && ts.isStringLiteral(v) && v.text === 'webgpu') {
      this.note(v.getStart(this.sf), "renamed device 'webgpu' to 'cuda' (PyTorch's GPU device)");
      return "'cuda'";
    }
    return this.expr(value);
  }

  private args(args: readonly TS.Expression[], options: boolean): string {
    const out: string[] = [];
    args.forEach((a, i) => {
      const inner = unwrap(a);
      if (options && i === args.length - 1 && ts.isObjectLiteralExpression(inner)) {
        const kw = this.kwargs(inner);
        if (kw) return out.push(...kw);
      }
      out.push(this.expr(a));
    });
    return out.join(', ');
  }

  private property(node: TS.PropertyAccessExpression): Code {
    if (node.questionDotToken) return [this.todoExpr(node, 'optional chaining (`?.`) is not translated'), P.atom];
    const name = node.name.text;
    const obj = node.expression;
    if (obj.kind === ts.SyntaxKind.SuperKeyword) return [`super().${name}`, P.primary];
    if (ts.isIdentifier(obj) && obj.text === 'Math' && !this.isDeclared('Math')) {
      const c = MATH_CONSTANTS[name];
      if (c) {
        this.imports.add('math');
        return [c, P.primary];
      }
      return [this.todoExpr(node, `Math.${name} is not translated`), P.atom];
    }
    if (name === 'webgpu' && ts.isIdentifier(obj) && obj.text === 'torch' && !this.isDeclared('torch')) {
      this.note(node.getStart(this.sf), "renamed torch.webgpu to torch.cuda (PyTorch's GPU module)");
      return ['torch.cuda', P.primary];
    }
    if (name === 'length') return [`${this.builtin('len')}(${this.expr(obj)})`, P.primary];
    return [`${wrap(this.code(obj), P.primary)}.${PY_KEYWORDS.has(name) ? `${name}_` : name}`, P.primary];
  }

  private call(node: TS.CallExpression): Code {
    if (node.questionDotToken) return [this.todoExpr(node, 'optional calls (`?.()`) are not translated'), P.atom];
    const callee = node.expression;
    const name = dotted(callee);
    const args = node.arguments;
    if (callee.kind === ts.SyntaxKind.SuperKeyword) return [`super().__init__(${this.args(args, true)})`, P.primary];
    if (name && !this.isDeclared(name.split('.')[0]!)) {
      const special = this.globalCall(node, name);
      if (special) return special;
    }
    if (ts.isPropertyAccessExpression(callee) && !callee.questionDotToken) {
      const method = this.methodCall(node, callee);
      if (method) return method;
    }
    if (name && CONTEXT_MANAGERS.has(name) && args.length > 0) {
      return [this.todoExpr(node, `${name}(callback) inside an expression is not translated; write it as its own statement`), P.atom];
    }
    const options = !(name && (this.userFunctions.has(name) || name === 'print'));
    return [`${wrap(this.code(callee), P.primary)}(${this.args(args, options)})`, P.primary];
  }

  /** Calls of the snippet's globals and JavaScript's built-in objects. */
  private globalCall(node: TS.CallExpression, name: string): Code | null {
    const args = node.arguments;
    const arg = (i: number) => this.expr(args[i]!);
    if (name === 'print' || name === 'console.log') {
      return [`print(${args.map((a) => (ts.isArrayLiteralExpression(unwrap(a)) ? this.array(unwrap(a) as TS.ArrayLiteralExpression, true) : this.expr(a))).join(', ')})`, P.primary];
    }
    if (name === 'torch.slice') return [`${this.builtin('slice')}(${this.args(args, false)})`, P.primary];
    if (name === 'torch.format' && args.length === 1) {
      const list = unwrap(args[0]!);
      if (ts.isArrayLiteralExpression(list) && list.elements.length === 1) return [`${this.builtin('str')}(${this.expr(list.elements[0]!)})`, P.primary];
      return [`' '.join(${this.builtin('map')}(${this.builtin('str')}, ${arg(0)}))`, P.primary];
    }
    const scalarOp = SCALAR_FIRST_OPS[name];
    if (scalarOp && args.length === 2 && isNumberLiteral(args[0]!)) {
      const [op, prec] = scalarOp;
      const right = op === '**' ? wrap(this.code(args[1]!), P.unary) : wrap(this.code(args[1]!), prec + 1);
      return [`${wrap(this.code(args[0]!), prec + 1)} ${op} ${right}`, prec];
    }
    if (name.startsWith('Math.')) {
      const fn = name.slice(5);
      if (fn === 'abs' || fn === 'max' || fn === 'min' || fn === 'round') {
        if (fn === 'round') this.note(node.getStart(this.sf), "Math.round rounds halves up, Python's round() to even");
        return [`${this.builtin(fn)}(${this.args(args, false)})`, P.primary];
      }
      if (fn === 'random') {
        this.imports.add('random');
        return ['random.random()', P.primary];
      }
      if (MATH_FUNCTIONS.has(fn)) {
        this.imports.add('math');
        return [`math.${fn}(${this.args(args, false)})`, P.primary];
      }
      return [this.todoExpr(node, `${name} is not translated`), P.atom];
    }
    switch (name) {
      case 'String': return [`${this.builtin('str')}(${arg(0)})`, P.primary];
      case 'Number': case 'parseFloat': return [`${this.builtin('float')}(${arg(0)})`, P.primary];
      case 'parseInt': return [`${this.builtin('int')}(${arg(0)})`, P.primary];
      case 'Boolean': return [`${this.builtin('bool')}(${arg(0)})`, P.primary];
      case 'Number.isInteger': {
        const v = wrap(this.code(args[0]!), P.primary);
        return [`(${this.builtin('isinstance')}(${v}, (${this.builtin('int')}, ${this.builtin('float')})) and ${this.builtin('float')}(${v}).is_integer())`, P.atom];
      }
      case 'Array.isArray': return [`${this.builtin('isinstance')}(${arg(0)}, (${this.builtin('list')}, ${this.builtin('tuple')}))`, P.primary];
      case 'Object.fromEntries': return [`${this.builtin('dict')}(${arg(0)})`, P.primary];
      case 'Object.keys': return [`${this.builtin('list')}(${wrap(this.code(args[0]!), P.primary)}.keys())`, P.primary];
      case 'Object.values': return [`${this.builtin('list')}(${wrap(this.code(args[0]!), P.primary)}.values())`, P.primary];
      case 'Object.entries': return [`${this.builtin('list')}(${wrap(this.code(args[0]!), P.primary)}.items())`, P.primary];
    }
    if (/^(Object|Array|JSON|Number|Promise|Date|console|window|document|globalThis)\./.test(name)) {
      return [this.todoExpr(node, `${name} is not translated`), P.atom];
    }
    return null;
  }

  /** Methods with a Python spelling of their own: indexing, arrays' and numbers' methods. */
  private methodCall(node: TS.CallExpression, callee: TS.PropertyAccessExpression): Code | null {
    const method = callee.name.text;
    const args = node.arguments;
    const obj = (): string => wrap(this.code(callee.expression), P.primary);
    switch (method) {
      case 'item_async': case 'tolist_async': case 'cpu_async':
        if (args.length === 0) return [`${obj()}.${method.replace('_async', '')}()`, P.primary];
        break;
      case 'index': return [`${obj()}[${this.indexArgs(args)}]`, P.primary];
      case 'toFixed': {
        const digits = args[0] ? unwrap(args[0]) : null;
        const spec = !digits ? "'.0f'" : ts.isNumericLiteral(digits) ? `'.${digits.text}f'` : `f'.{${this.expr(digits)}}f'`;
        return [`${this.builtin('format')}(${this.expr(callee.expression)}, ${spec})`, P.primary];
      }
      case 'toString': if (args.length === 0) return [`${this.builtin('str')}(${this.expr(callee.expression)})`, P.primary]; break;
      case 'push': return [args.length === 1 ? `${obj()}.append(${this.expr(args[0]!)})` : `${obj()}.extend([${this.args(args, false)}])`, P.primary];
      case 'includes': if (args.length === 1) return [`${wrap(this.code(args[0]!), P.cmp + 1)} in ${wrap(this.code(callee.expression), P.cmp + 1)}`, P.cmp]; break;
      case 'join': if (args.length <= 1) return [`${args[0] ? wrap(this.code(args[0]), P.primary) : "','"}.join(${this.builtin('map')}(${this.builtin('str')}, ${this.expr(callee.expression)}))`, P.primary]; break;
      case 'map': {
        const fn = args[0] && unwrap(args[0]);
        if (fn && ts.isArrowFunction(fn) && fn.parameters.length === 1 && ts.isIdentifier(fn.parameters[0]!.name) && !ts.isBlock(fn.body)) {
          return [`[${this.expr(fn.body)} for ${this.ident(fn.parameters[0]!.name.text)} in ${this.expr(callee.expression)}]`, P.atom];
        }
        if (fn && args.length === 1) return [`${this.builtin('list')}(${this.builtin('map')}(${this.expr(fn)}, ${this.expr(callee.expression)}))`, P.primary];
        break;
      }
      case 'forEach': case 'filter': case 'reduce': case 'slice': case 'splice': case 'concat': case 'indexOf': case 'padStart': case 'padEnd':
        return [this.todoExpr(node, `.${method}() is not translated`), P.atom];
      case 'to': case 'type': {
        const a = args[0] && unwrap(args[0]);
        if (args.length === 1 && a && ts.isStringLiteral(a)) return [`${obj()}.${method}(${this.option(DTYPES.has(a.text) ? 'dtype' : 'device', a)})`, P.primary];
        break;
      }
    }
    return null;
  }

  /** `x.index(null, torch.slice(1, 3), '...', 'newaxis')` is `x[:, 1:3, ..., None]`. */
  private indexArgs(args: readonly TS.Expression[]): string {
    const parts = args.map((a) => {
      const v = unwrap(a);
      if (v.kind === ts.SyntaxKind.NullKeyword) return ':';
      if (ts.isStringLiteral(v) && v.text === '...') return '...';
      if (ts.isStringLiteral(v) && v.text === 'newaxis') return 'None';
      if (ts.isArrayLiteralExpression(v)) return this.array(v, false);
      if (ts.isCallExpression(v) && dotted(v.expression) === 'torch.slice' && !this.isDeclared('torch')) {
        const bound = (i: number) => {
          const b = v.arguments[i];
          return !b || unwrap(b).kind === ts.SyntaxKind.NullKeyword ? '' : this.expr(b);
        };
        return v.arguments.length >= 3 ? `${bound(0)}:${bound(1)}:${bound(2)}` : `${bound(0)}:${bound(1)}`;
      }
      return this.expr(a);
    });
    return parts.length ? parts.join(', ') : '()';
  }

  private newExpression(node: TS.NewExpression): Code {
    const name = ts.isIdentifier(node.expression) ? node.expression.text : null;
    const args = node.arguments ?? [];
    if (name && TYPED_ARRAYS[name] && !this.isDeclared(name)) {
      this.imports.add('np');
      const dtype = `dtype=np.${TYPED_ARRAYS[name]}`;
      if (args.length === 1 && isNumberLiteral(args[0]!)) return [`np.zeros(${this.expr(args[0]!)}, ${dtype})`, P.primary];
      return [`np.array(${args.length ? this.expr(args[0]!) : '[]'}, ${dtype})`, P.primary];
    }
    if (name === 'Error' && !this.isDeclared(name)) return [this.exception(node), P.primary];
    if (name && /^(Map|Set|Date|Promise|Array|Object|RegExp)$/.test(name) && !this.isDeclared(name)) {
      return [this.todoExpr(node, `new ${name}(...) is not translated`), P.atom];
    }
    return [`${wrap(this.code(node.expression), P.primary)}(${this.args(args, !(name && this.userFunctions.has(name)))})`, P.primary];
  }

  private prefix(node: TS.PrefixUnaryExpression): Code {
    switch (node.operator) {
      case ts.SyntaxKind.ExclamationToken: return [`not ${wrap(this.code(node.operand), P.not)}`, P.not];
      case ts.SyntaxKind.MinusToken: return [`-${wrap(this.code(node.operand), P.unary)}`, P.unary];
      case ts.SyntaxKind.PlusToken: return [`+${wrap(this.code(node.operand), P.unary)}`, P.unary];
      case ts.SyntaxKind.TildeToken: return [`~${wrap(this.code(node.operand), P.unary)}`, P.unary];
    }
    return [this.todoExpr(node, '`++`/`--` inside an expression is not translated'), P.atom];
  }

  private binary(node: TS.BinaryExpression): Code {
    const kind = node.operatorToken.kind;
    const left = unwrap(node.left);
    const right = unwrap(node.right);
    if (kind === ts.SyntaxKind.InstanceOfKeyword) return [`${this.builtin('isinstance')}(${this.expr(left)}, ${this.expr(right)})`, P.primary];
    const isNull = (e: TS.Expression) => e.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(e) && e.text === 'undefined');
    if ((kind === ts.SyntaxKind.EqualsEqualsEqualsToken || kind === ts.SyntaxKind.ExclamationEqualsEqualsToken
      || kind === ts.SyntaxKind.EqualsEqualsToken || kind === ts.SyntaxKind.ExclamationEqualsToken) && (isNull(left) || isNull(right))) {
      const [value] = isNull(right) ? [left] : [right];
      const op = kind === ts.SyntaxKind.EqualsEqualsEqualsToken || kind === ts.SyntaxKind.EqualsEqualsToken ? 'is' : 'is not';
      return [`${wrap(this.code(value), P.cmp + 1)} ${op} None`, P.cmp];
    }
    if (kind === ts.SyntaxKind.QuestionQuestionToken) {
      if (ts.isIdentifier(left) || ts.isPropertyAccessExpression(left)) {
        const l = wrap(this.code(left), P.cmp + 1);
        return [`${l} if ${l} is not None else ${wrap(this.code(right), P.cond)}`, P.cond];
      }
      return [this.todoExpr(node, '`??` on a computed value is not translated'), P.atom];
    }
    const op = BINARY[kind];
    if (!op) {
      const what = kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment ? 'an assignment inside an expression' : `the operator ${node.operatorToken.getText(this.sf)}`;
      return [this.todoExpr(node, `${what} is not translated`), P.atom];
    }
    const [text, prec] = op;
    // JavaScript's `'a' + 1` converts; Python's wants str() on the non-string side.
    const str = (e: TS.Expression, other: TS.Expression, min: number) =>
      text === '+' && isStringy(other) && !isStringy(e) ? `${this.builtin('str')}(${this.expr(e)})` : wrap(this.code(e), min);
    if (text === '**') return [`${wrap(this.code(left), P.pow + 1)} ** ${wrap(this.code(right), P.unary)}`, P.pow];
    const leftMin = prec === P.cmp ? P.cmp + 1 : prec;
    return [`${str(left, right, leftMin)} ${text} ${str(right, left, prec + 1)}`, prec];
  }

  /** A template string as an f-string (or, when an expression holds quotes, as concatenation). */
  private template(node: TS.TemplateExpression): Code {
    const all: ({ literal: string } | { code: string })[] = [{ literal: node.head.text }];
    for (const span of node.templateSpans) all.push({ code: this.expr(span.expression) }, { literal: span.literal.text });
    const codes = all.flatMap((p) => ('code' in p ? [p.code] : []));
    const quote = !codes.some((c) => c.includes('"')) ? '"' : !codes.some((c) => c.includes("'")) ? "'" : null;
    if (quote && !codes.some((c) => c.includes('\\') || c.includes('#'))) {
      const body = all.map((p) => ('code' in p ? `{${p.code}}` : pyString(p.literal, quote).slice(1, -1).replace(/[{}]/g, '$&$&'))).join('');
      return [`f${quote}${body}${quote}`, P.atom];
    }
    const pieces = all.filter((p) => !('literal' in p) || p.literal !== '').map((p) => ('code' in p ? `${this.builtin('str')}(${p.code})` : pyString(p.literal)));
    return [pieces.join(' + ') || "''", P.add];
  }

  /** A function value: a lambda when its body is one expression, else a `def` hoisted above. */
  private functionValue(node: TS.ArrowFunction | TS.FunctionExpression): Code {
    let body: TS.Node = node.body;
    if (ts.isBlock(body) && body.statements.length === 1 && ts.isReturnStatement(body.statements[0]!) && body.statements[0].expression
      && ts.getLeadingCommentRanges(this.text, body.statements[0].pos) === undefined) body = body.statements[0].expression!;
    const simpleParams = node.parameters.every((p) => ts.isIdentifier(p.name));
    if (!ts.isBlock(body) && simpleParams && !node.modifiers?.length && !ts.isArrowFunction(unwrap(body as TS.Expression))) {
      const facts = scopeFacts(node.body);
      for (const p of node.parameters) bindingNames(p.name, facts.declared);
      this.scopes.push({ kind: 'function', declared: facts.declared });
      const params = this.params(node, false);
      const value = wrap(this.code(body), P.cond);
      this.scopes.pop();
      return [params ? `lambda ${params}: ${value}` : `lambda: ${value}`, P.lambda];
    }
    const name = `_fn${++this.temps}`;
    const saved = this.lines;
    this.lines = [];
    this.def(name, node, false);
    this.pending.push(...this.lines);
    this.lines = saved;
    return [name, P.atom];
  }
}

function isStatic(m: TS.ClassElement): boolean {
  return !!ts.getModifiers(m as TS.HasModifiers)?.some((mod) => mod.kind === ts.SyntaxKind.StaticKeyword);
}

/** The step of `i++`, `i--`, `i += k`, `i -= k`, `i = i + k`; null for anything else. */
function stepOf(incr: TS.Expression | undefined, v: string): number | null {
  if (!incr) return null;
  const e = unwrap(incr);
  if ((ts.isPostfixUnaryExpression(e) || ts.isPrefixUnaryExpression(e)) && ts.isIdentifier(e.operand) && e.operand.text === v) {
    if (e.operator === ts.SyntaxKind.PlusPlusToken) return 1;
    if (e.operator === ts.SyntaxKind.MinusMinusToken) return -1;
  }
  if (ts.isBinaryExpression(e) && ts.isIdentifier(e.left) && e.left.text === v) {
    const k = unwrap(e.right);
    const lit = (x: TS.Expression) => (ts.isNumericLiteral(x) && Number.isInteger(Number(x.text)) ? Number(x.text) : null);
    if (e.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken) return lit(k);
    if (e.operatorToken.kind === ts.SyntaxKind.MinusEqualsToken) return lit(k) === null ? null : -lit(k)!;
    if (e.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isBinaryExpression(k) && ts.isIdentifier(k.left) && k.left.text === v) {
      const n = lit(unwrap(k.right));
      if (n === null) return null;
      if (k.operatorToken.kind === ts.SyntaxKind.PlusToken) return n;
      if (k.operatorToken.kind === ts.SyntaxKind.MinusToken) return -n;
    }
  }
  return null;
}

/** `return` statements of a function body, not those of functions nested in it. */
function ownReturns(body: TS.Node): TS.ReturnStatement[] {
  const out: TS.ReturnStatement[] = [];
  const visit = (n: TS.Node): void => {
    if (isFunctionLike(n) || ts.isClassLike(n)) return;
    if (ts.isReturnStatement(n)) out.push(n);
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(body, visit);
  return out;
}

/** Whether a loop body has a `continue` of its own (not one of an inner loop's). */
function hasOwnContinue(body: TS.Node): boolean {
  let found = false;
  const visit = (n: TS.Node): void => {
    if (found || isFunctionLike(n) || ts.isIterationStatement(n, false)) return;
    if (ts.isContinueStatement(n)) found = true;
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(body, visit);
  return found;
}

/** A `//` or `/* *\/` comment as Python `#` lines. */
function commentLines(comment: string): string[] {
  if (comment.startsWith('//')) return [`#${comment.slice(2).replace(/^(?=\S)/, ' ')}`.trimEnd()];
  const inner = comment.replace(/^\/\*+/, '').replace(/\*+\/$/, '');
  const lines = inner.split(/\r?\n/).map((l) => l.replace(/^\s*\*?\s?/, '').trimEnd());
  while (lines.length && lines[0] === '') lines.shift();
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => (l ? `# ${l}` : '#'));
}

/** A call of one of the tensor's awaitable reads (`x.item_async()`), maybe in parentheses. */
function isAsyncRead(node: TS.Expression): boolean {
  const inner = unwrap(node);
  return ts.isCallExpression(inner) && ts.isPropertyAccessExpression(inner.expression) && /^(item|tolist|cpu)_async$/.test(inner.expression.name.text);
}
