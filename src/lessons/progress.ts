/**
 * A student's progress in a lesson, kept in the browser (no server: a classroom collects answers
 * by "Copy my answers"): the step reached and the predictions checked, per lesson. A lesson is
 * known by its id and a hash of its content, so a teacher's edited lesson under the same id starts
 * afresh rather than showing answers to other questions. Where storage is refused (a sandboxed
 * embed, a private window) progress lives as long as the page.
 */
import type { Prediction } from '../store/lessonSlice';
import { load, save } from '../store/storage';
import type { Lesson } from './schema';

export interface LessonProgress {
  /** The step shown last (0-based). */
  step: number;
  /** The furthest step reached (0-based). */
  reached: number;
  predictions: Record<number, Prediction>;
  /** When it last changed (ms since the epoch): the oldest entries go first when there are too many. */
  updated: number;
}

const KEY = 'lessonProgress';
/** Lessons whose progress is kept; a student past this many loses the oldest. */
const MAX_LESSONS = 50;

const memory = new Map<string, LessonProgress>();

/** FNV-1a over the lesson's JSON: the same lesson gets the same key in every browser. */
export function lessonKey(lesson: Lesson): string {
  const text = JSON.stringify(lesson);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${lesson.id}:${(h >>> 0).toString(36)}`;
}

function readAll(): Record<string, LessonProgress> {
  try {
    const parsed: unknown = JSON.parse(load(KEY) ?? '{}');
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, LessonProgress>) : {};
  } catch {
    return {};
  }
}

/** What was saved for this lesson, if anything (checked: storage is the user's to edit). */
export function loadProgress(lesson: Lesson): LessonProgress | null {
  const key = lessonKey(lesson);
  const p = memory.get(key) ?? readAll()[key];
  if (!p || typeof p !== 'object') return null;
  const n = lesson.steps.length;
  const index = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < n ? v : 0);
  const predictions: Record<number, Prediction> = {};
  for (const [k, v] of Object.entries(typeof p.predictions === 'object' && p.predictions !== null ? p.predictions : {})) {
    const i = Number(k);
    if (Number.isInteger(i) && i >= 0 && i < n && lesson.steps[i]!.predict && typeof v?.guess === 'string' && typeof v.right === 'boolean') {
      predictions[i] = { guess: v.guess.slice(0, 500), right: v.right };
    }
  }
  return { step: index(p.step), reached: Math.max(index(p.reached), index(p.step)), predictions, updated: typeof p.updated === 'number' ? p.updated : 0 };
}

export function saveProgress(lesson: Lesson, step: number, predictions: Record<number, Prediction>): void {
  const key = lessonKey(lesson);
  const before = memory.get(key) ?? loadProgress(lesson);
  const progress: LessonProgress = { step, reached: Math.max(step, before?.reached ?? 0), predictions, updated: Date.now() };
  memory.set(key, progress);
  const all = readAll();
  all[key] = progress;
  const keys = Object.keys(all).sort((a, b) => (all[b]!.updated ?? 0) - (all[a]!.updated ?? 0));
  for (const old of keys.slice(MAX_LESSONS)) delete all[old];
  save(KEY, JSON.stringify(all));
}

/** One line of a text: answers are quoted on one line each, however they were typed. */
function oneLine(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * "Copy my answers": a short plain text a teacher can collect (pasted into a course platform, a
 * chat, an email): the lesson, how far the student got, and each prediction with whether it was
 * right. The expected answers are left out: the text is the student's.
 */
export function answersText(lesson: Lesson, progress: Pick<LessonProgress, 'reached' | 'predictions'>, date: Date = new Date()): string {
  const asked = lesson.steps.flatMap((s, i) => (s.predict ? [i] : []));
  const made = asked.filter((i) => progress.predictions[i]);
  const right = made.filter((i) => progress.predictions[i]!.right);
  const lines = [
    `Gradlab lesson “${oneLine(lesson.title)}” (${lesson.id}), ${date.toISOString().slice(0, 10)}`,
    `Reached step ${progress.reached + 1} of ${lesson.steps.length}; predictions: ${right.length} right of ${asked.length}${made.length < asked.length ? ` (${asked.length - made.length} not made)` : ''}.`,
  ];
  for (const i of asked) {
    const p = progress.predictions[i];
    const step = lesson.steps[i]!;
    lines.push(`${i + 1}. ${oneLine(step.title, 60)}: ${p ? `${oneLine(p.guess, 60)} (${p.right ? 'right' : 'wrong'})` : '(not answered)'}`);
  }
  return lines.join('\n');
}
