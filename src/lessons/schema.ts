/**
 * Lessons are data: one JSON file each (src/lessons/data/), or a teacher's own, made in the lesson
 * editor and shared as a `#lesson/` link or a file. This module is the schema: the Lesson type, a validator whose errors name the
 * path of what is wrong (`steps[2].snippet: expected a string or {"seed": "<id>"}`), and the
 * resolution of `{"seed": "000-4"}` snippets to the seed examples' source. No UI, no engine.
 */
import { seedArticles, type SeedExample } from '../../engine/seeds/examples';
import { LANGUAGES, type Language } from '../store/language';

/** A snippet typed out, or one of the seed examples by id (engine/seeds/examples.ts). */
export type SnippetRef = string | { seed: string };

/** The language a step's snippet is written in (TypeScript unless the step says). */
export type SnippetLanguage = Language;
export const SNIPPET_LANGUAGES: readonly SnippetLanguage[] = LANGUAGES;

/** Which view of the graph the stepper opens in: backward's flow, or the build replay. */
export type StepperView = 'backward' | 'build';

export interface Predict {
  /** The question, shown before the reveal (Markdown and math, as a step's explanation). */
  prompt: string;
  /** What the snippet prints with `print(<expression>)` after it runs, e.g. `x.grad`. */
  expression: string;
  /** The printed text of that print (without the final newline): what the reveal shows. */
  answer: string;
  /** How far a typed number may be from the answer's numbers and still count (default 1e-3). */
  tolerance?: number;
  /** Why the answer is what it is, shown with the reveal (Markdown and math). */
  explanation: string;
}

export interface LessonStep {
  title: string;
  /**
   * Markdown (CommonMark: paragraphs, `code`, *emphasis*, lists, links) with math between dollars
   * (`$\frac{dy}{dx}$` inline, `$$...$$` displayed; `\$` for a dollar sign); never HTML.
   */
  explanation: string;
  /** The snippet's language (TypeScript when left out); a `{"seed"}` snippet comes in either. */
  language?: SnippetLanguage;
  snippet: SnippetRef;
  /** One line pointing at the graph: what to notice after the run (Markdown and math, as above). */
  notice: string;
  /**
   * Where to open the stepper after the run: which backward (0-based), which step, and in which
   * view (`backward`, the default, or `build`, the replay of the graph being built).
   */
  stepper?: { trace?: number; step?: number; mode?: StepperView };
  predict?: Predict;
}

export interface Lesson {
  id: string;
  title: string;
  summary: string;
  /** Where the lesson's examples come from (an article's title), when they come from one. */
  source?: string;
  steps: LessonStep[];
}

export type LessonResult = { ok: true; lesson: Lesson } | { ok: false; errors: string[] };

/** A teacher's lesson file may be at most this big (bytes of UTF-8). */
export const MAX_LESSON_BYTES = 200 * 1024;

const seedsById: ReadonlyMap<string, SeedExample> = new Map(Object.values(seedArticles).flat().map((s) => [s.id, s]));

/** The seed examples a lesson may point at, by id. */
export function seedById(id: string): SeedExample | undefined {
  return seedsById.get(id);
}

/** The source a step runs: its own text, or the seed example in the step's language. */
export function snippetSource(ref: SnippetRef, language: SnippetLanguage = 'typescript'): string {
  if (typeof ref === 'string') return ref;
  const seed = seedsById.get(ref.seed);
  if (!seed) throw new Error(`unknown seed "${ref.seed}"`);
  return language === 'python' ? seed.python : seed.source;
}

/**
 * A lesson made only of seed examples exists in both languages (each article has its Python): in
 * `language`, every step that does not name its language shows the example in that language.
 */
export function seedLessonIn(lesson: Lesson, language: SnippetLanguage): Lesson {
  if (language === 'typescript' || !lesson.steps.every((s) => typeof s.snippet !== 'string' && s.language === undefined)) return lesson;
  return { ...lesson, steps: lesson.steps.map((s) => ({ ...s, language })) };
}

/** A step's language, with the default filled in. */
export function stepLanguage(step: Pick<LessonStep, 'language'>): SnippetLanguage {
  return step.language ?? 'typescript';
}

// ---- the validator ---------------------------------------------------------------------------------

type Json = unknown;

/** One thing wrong with a lesson: where (`steps[1].predict.answer`; '' for the whole) and what. */
export interface LessonProblem {
  path: string;
  message: string;
}

class Checker {
  readonly problems: LessonProblem[] = [];

  /** A draft (the lesson editor's, or a file it opens) may still have empty or unfinished fields. */
  constructor(readonly draft: boolean) {}

  fail(path: string, message: string): void {
    this.problems.push({ path, message });
  }

  object(v: Json, path: string, required: readonly string[], optional: readonly string[]): v is Record<string, Json> {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      this.fail(path, `expected an object, got ${describe(v)}`);
      return false;
    }
    for (const key of required) if (!(key in v)) this.fail(join(path, key), 'missing');
    for (const key of Object.keys(v)) {
      if (!required.includes(key) && !optional.includes(key)) this.fail(join(path, key), `unknown field (expected one of ${[...required, ...optional].join(', ')})`);
    }
    return true;
  }

  text(v: Json, path: string, opts: { maxLength?: number; pattern?: RegExp; patternName?: string } = {}): void {
    if (v === undefined) return; // reported as missing by object()
    if (typeof v !== 'string') return this.fail(path, `expected a string, got ${describe(v)}`);
    if (this.draft) return;
    if (v.trim() === '') return this.fail(path, 'must not be empty');
    if (opts.maxLength !== undefined && v.length > opts.maxLength) this.fail(path, `longer than ${opts.maxLength} characters`);
    if (opts.pattern && !opts.pattern.test(v)) this.fail(path, `expected ${opts.patternName}, got ${JSON.stringify(v)}`);
  }

  count(v: Json, path: string): void {
    if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v) || v < 0)) this.fail(path, `expected a whole number ≥ 0, got ${describe(v)}`);
  }
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function describe(v: Json): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 30 ? `${v.slice(0, 30)}…` : v)}`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

const ID = /^[a-z0-9][a-z0-9-]*$/;
const MAX_STEPS = 100;
const MAX_SNIPPET = 50_000;

/**
 * Checks a parsed JSON value against the lesson schema; every problem is reported, by path. A
 * `draft` passes with unfinished fields (lessonProblems).
 */
export function validateLesson(json: Json, { draft = false } = {}): LessonResult {
  const problems = lessonProblems(json, { draft });
  return problems.length ? { ok: false, errors: problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)) } : { ok: true, lesson: json as Lesson };
}

/**
 * Every problem of a lesson, by path. With `draft`, only what the lesson editor cannot hold is a
 * problem (a wrong type, an unknown field): empty fields, no steps or an unknown seed are a draft
 * not finished yet, which the editor shows next to their fields.
 */
export function lessonProblems(json: Json, { draft = false } = {}): LessonProblem[] {
  const c = new Checker(draft);
  if (!c.object(json, '', ['id', 'title', 'summary', 'steps'], ['source'])) return c.problems;
  c.text(json.id, 'id', { maxLength: 80, pattern: ID, patternName: 'lowercase letters, digits and dashes' });
  c.text(json.title, 'title', { maxLength: 200 });
  c.text(json.summary, 'summary', { maxLength: 2000 });
  c.text(json.source, 'source', { maxLength: 500 });
  const steps = json.steps;
  if (steps !== undefined) {
    if (!Array.isArray(steps)) c.fail('steps', `expected an array of steps, got ${describe(steps)}`);
    else if (steps.length === 0 && !draft) c.fail('steps', 'a lesson needs at least one step');
    else if (steps.length > MAX_STEPS) c.fail('steps', `at most ${MAX_STEPS} steps`);
    else steps.forEach((s, i) => checkStep(c, s, `steps[${i}]`));
  }
  return c.problems;
}

function checkStep(c: Checker, s: Json, path: string): void {
  if (!c.object(s, path, ['title', 'explanation', 'snippet', 'notice'], ['language', 'stepper', 'predict'])) return;
  if (s.language !== undefined && !SNIPPET_LANGUAGES.includes(s.language as SnippetLanguage)) {
    c.fail(`${path}.language`, `expected ${SNIPPET_LANGUAGES.map((l) => JSON.stringify(l)).join(' or ')}, got ${describe(s.language)}`);
  }
  c.text(s.title, `${path}.title`, { maxLength: 200 });
  c.text(s.explanation, `${path}.explanation`, { maxLength: 10_000 });
  c.text(s.notice, `${path}.notice`, { maxLength: 1000 });
  const snippet = s.snippet;
  if (typeof snippet === 'string') c.text(snippet, `${path}.snippet`, { maxLength: MAX_SNIPPET });
  else if (typeof snippet === 'object' && snippet !== null && !Array.isArray(snippet) && 'seed' in snippet) {
    if (c.object(snippet, `${path}.snippet`, ['seed'], []) && typeof snippet.seed === 'string' && !seedsById.has(snippet.seed) && !c.draft) {
      c.fail(`${path}.snippet.seed`, `unknown seed ${JSON.stringify(snippet.seed)} (known: ${[...seedsById.keys()][0]} … ${[...seedsById.keys()].at(-1)})`);
    } else if (typeof snippet.seed !== 'string') c.fail(`${path}.snippet.seed`, `expected a string, got ${describe(snippet.seed)}`);
  } else if (snippet !== undefined) c.fail(`${path}.snippet`, `expected a string or {"seed": "<id>"}, got ${describe(snippet)}`);
  if (s.stepper !== undefined && c.object(s.stepper, `${path}.stepper`, [], ['trace', 'step', 'mode'])) {
    c.count(s.stepper.trace, `${path}.stepper.trace`);
    c.count(s.stepper.step, `${path}.stepper.step`);
    const mode = s.stepper.mode;
    if (mode !== undefined && mode !== 'backward' && mode !== 'build') c.fail(`${path}.stepper.mode`, `expected "backward" or "build", got ${describe(mode)}`);
  }
  if (s.predict !== undefined && c.object(s.predict, `${path}.predict`, ['prompt', 'expression', 'answer', 'explanation'], ['tolerance'])) {
    const p = s.predict;
    c.text(p.prompt, `${path}.predict.prompt`, { maxLength: 1000 });
    c.text(p.expression, `${path}.predict.expression`, { maxLength: 500 });
    c.text(p.answer, `${path}.predict.answer`, { maxLength: 5000 });
    c.text(p.explanation, `${path}.predict.explanation`, { maxLength: 5000 });
    if (p.tolerance !== undefined && (typeof p.tolerance !== 'number' || !Number.isFinite(p.tolerance) || p.tolerance < 0)) {
      c.fail(`${path}.predict.tolerance`, `expected a number ≥ 0, got ${describe(p.tolerance)}`);
    }
  }
}

/** A teacher's lesson file (text): size-capped, parsed, validated (as a lesson, or as a draft the editor can open). */
export function loadLessonFromText(text: string, { draft = false } = {}): LessonResult {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_LESSON_BYTES) {
    return { ok: false, errors: [`the lesson file is ${Math.ceil(bytes / 1024)} KB; the limit is ${MAX_LESSON_BYTES / 1024} KB`] };
  }
  let json: Json;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { ok: false, errors: [`not valid JSON: ${e instanceof Error ? e.message : String(e)}`] };
  }
  return validateLesson(json, { draft });
}

// ---- predictions ------------------------------------------------------------------------------------

const NUMBER = /[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/gi;

/**
 * Whether a student's typed prediction matches the answer: the same numbers within the tolerance
 * (one number stands for a tensor all of whose values are that number), or else the same text up
 * to spaces and case (`false` for `False`).
 */
export function checkPrediction(predict: Pick<Predict, 'answer' | 'tolerance'>, guess: string): boolean {
  const tol = predict.tolerance ?? 1e-3;
  const want = numbersOf(predict.answer);
  const got = numbersOf(guess);
  if (want.length > 0 && got.length > 0) {
    if (got.length === 1) return want.every((w) => close(w, got[0]!, tol));
    return got.length === want.length && want.every((w, i) => close(w, got[i]!, tol));
  }
  const norm = (s: string) => s.replace(/\s+/g, '').toLowerCase();
  return norm(guess) !== '' && norm(guess) === norm(predict.answer);
}

function numbersOf(text: string): number[] {
  // Node addresses (0x7f…) and names with digits (MulBackward0) are not the numbers asked for.
  const cleaned = text.replace(/0x[0-9a-f]+/gi, ' ').replace(/(?<![\d.])[A-Za-z_]\w*/g, ' ');
  return (cleaned.match(NUMBER) ?? []).map(Number);
}

function close(a: number, b: number, tol: number): boolean {
  return Math.abs(a - b) <= tol + 1e-9 * Math.abs(a);
}
