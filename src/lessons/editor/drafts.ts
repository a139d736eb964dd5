/**
 * The lesson editor's drafts, kept in the browser (localStorage) as the teacher types, so that a
 * reload, a closed tab or a crash loses nothing: an index of drafts (key, title, when) and each
 * draft under its own key. A draft is the lesson JSON itself (what "Download .json" writes) plus
 * the step the teacher was on. Storage is the user's to edit: what is read back is checked.
 */
import { load, save } from '../../store/storage';
import { validateLesson, type Lesson } from '../schema';

export interface Draft {
  key: string;
  lesson: Lesson;
  /** The step whose snippet is in the code editor. */
  step: number;
  updated: number;
}

export interface DraftSummary {
  key: string;
  title: string;
  steps: number;
  updated: number;
}

const INDEX_KEY = 'lessonDrafts';
const draftKey = (key: string) => `lessonDraft.${key}`;

export function newDraftKey(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

function readJson(key: string): unknown {
  try {
    return JSON.parse(load(key) ?? 'null');
  } catch {
    return null;
  }
}

/** The drafts, newest first. */
export function listDrafts(): DraftSummary[] {
  const index = readJson(INDEX_KEY);
  if (!Array.isArray(index)) return [];
  return index
    .filter((d): d is DraftSummary => typeof d === 'object' && d !== null && typeof d.key === 'string' && typeof d.title === 'string' && typeof d.steps === 'number' && typeof d.updated === 'number')
    .sort((a, b) => b.updated - a.updated);
}

export function loadDraft(key: string): Draft | null {
  const saved = readJson(draftKey(key));
  if (typeof saved !== 'object' || saved === null) return null;
  const { lesson, step, updated } = saved as Record<string, unknown>;
  const result = validateLesson(lesson, { draft: true });
  if (!result.ok) return null;
  const n = result.lesson.steps.length;
  return { key, lesson: result.lesson, step: typeof step === 'number' && Number.isInteger(step) && step >= 0 && step < n ? step : 0, updated: typeof updated === 'number' ? updated : 0 };
}

/** Saves a draft; false when the browser would not keep it (storage off or full). */
export function saveDraft(draft: Draft): boolean {
  const stored = save(draftKey(draft.key), JSON.stringify({ lesson: draft.lesson, step: draft.step, updated: draft.updated }));
  const summary: DraftSummary = { key: draft.key, title: draft.lesson.title, steps: draft.lesson.steps.length, updated: draft.updated };
  const indexed = save(INDEX_KEY, JSON.stringify([summary, ...listDrafts().filter((d) => d.key !== draft.key)]));
  return stored === null && indexed === null;
}

export function deleteDraft(key: string): void {
  save(draftKey(key), null);
  save(INDEX_KEY, JSON.stringify(listDrafts().filter((d) => d.key !== key)));
}
