/**
 * The lesson editor's state and actions, outside React like the lesson controller. The draft is
 * the lesson JSON itself, edited in place (keys keep their order, so "Download .json" of an opened
 * file writes it back as it was), and saved as drafts.ts says on every change.
 *
 * The selected step's snippet is the playground's own code editor: selecting a step opens its
 * snippet there (as this tab's snippet, like a lesson's: the teacher's draft snippet is kept) and
 * runs it, and what the teacher types there becomes the step's snippet. The graph, console and
 * stepper beside it are the step's, which is how the teacher picks where the stepper opens.
 */
import { create } from 'zustand';
import { runNow } from '../../app/runController';
import { useStore } from '../../store';
import { loadTab, saveTab } from '../../store/storage';
import { closeLesson, openLesson } from '../lessonController';
import { snippetSource, stepLanguage, type Lesson, type LessonStep } from '../schema';
import { listDrafts, loadDraft, newDraftKey, saveDraft } from './drafts';

export interface EditorState {
  key: string;
  lesson: Lesson;
  selected: number;
  /** The draft is shown in the lesson player, as students will see it. */
  previewing: boolean;
  /** Problems show once their field has been edited, or all of them after Share or Download. */
  touched: ReadonlySet<string>;
  showAllProblems: boolean;
  /** Whether the browser kept the last change (false: storage off or full: download the file). */
  saved: boolean;
  /** The step deleted last, for Undo. */
  deleted: { index: number; step: LessonStep } | null;
}

const TAB_DRAFT_KEY = 'lessonEditorDraft';

function emptyLesson(source: string): Lesson {
  return { id: 'my-lesson', title: '', summary: '', steps: [{ title: '', explanation: '', snippet: source, notice: '' }] };
}

export const useDraft = create<EditorState>()(() => ({
  key: '',
  lesson: emptyLesson(''),
  selected: 0,
  previewing: false,
  touched: new Set(),
  showAllProblems: false,
  saved: true,
  deleted: null,
}));

function persist(): void {
  const { key, lesson, selected } = useDraft.getState();
  useDraft.setState({ saved: saveDraft({ key, lesson, step: selected, updated: Date.now() }) });
}

/** A step's snippet, as the code editor shows it. */
function stepSource(step: LessonStep): string {
  try {
    return snippetSource(step.snippet, stepLanguage(step));
  } catch {
    // An unknown seed (a file from a newer version): the step starts from an empty snippet.
    return '';
  }
}

/** Opens the editor on a draft (its step's snippet in the code editor). */
function start(key: string, lesson: Lesson, step: number): void {
  if (useStore.getState().lesson) closeLesson();
  useDraft.setState({ key, lesson, selected: -1, previewing: false, touched: new Set(), showAllProblems: false, deleted: null });
  saveTab(TAB_DRAFT_KEY, key);
  useStore.getState().setLessonEditorOpen(true);
  persist();
  selectStep(step);
}

/** "New lesson": one step, with the snippet now in the code editor as its start. */
export function newLesson(): void {
  start(newDraftKey(), emptyLesson(useStore.getState().source), 0);
}

/** "Edit this lesson": a new draft from the lesson (a built-in one, a link's, a file's). */
export function editLesson(lesson: Lesson, step = useStore.getState().lesson === lesson ? useStore.getState().lessonStep : 0): void {
  start(newDraftKey(), structuredClone(lesson), step);
}

/** A saved draft, from the gallery. */
export function openDraft(key: string): boolean {
  const draft = loadDraft(key);
  if (!draft) return false;
  start(draft.key, draft.lesson, draft.step);
  return true;
}

/** After a reload: the draft this tab was editing (else the newest). */
export function reopenLessonEditor(): boolean {
  const key = loadTab(TAB_DRAFT_KEY) ?? listDrafts()[0]?.key;
  if (key !== undefined && openDraft(key)) return true;
  useStore.getState().setLessonEditorOpen(false);
  return false;
}

export function closeLessonEditor(): void {
  if (useDraft.getState().previewing) closeLesson();
  useDraft.setState({ previewing: false });
  saveTab(TAB_DRAFT_KEY, null);
  useStore.getState().setLessonEditorOpen(false);
}

/** Puts step `index`'s snippet in the code editor and runs it. */
export function selectStep(index: number): void {
  const { lesson, selected } = useDraft.getState();
  const i = Math.max(0, Math.min(lesson.steps.length - 1, index));
  const step = lesson.steps[i];
  if (!step) return;
  if (i !== selected) {
    useDraft.setState({ selected: i });
    persist();
  }
  const source = stepSource(step);
  const language = stepLanguage(step);
  useStore.getState().openLessonSnippet(source, false, language);
  runNow(source, language);
}

/** Changes the draft (a new object for what changed; keys keep their order) and saves it. */
export function updateLesson(change: (lesson: Lesson) => Lesson, touched?: string): void {
  useDraft.setState((s) => ({ lesson: change(s.lesson), touched: touched ? new Set(s.touched).add(touched) : s.touched }));
  persist();
}

export function updateStep(index: number, change: (step: LessonStep) => LessonStep, touched?: string): void {
  updateLesson((l) => ({ ...l, steps: l.steps.map((s, i) => (i === index ? change(s) : s)) }), touched);
}

/** A new step after the selected one, starting from its snippet (a lesson's steps often build on each other). */
export function addStep(): void {
  const { lesson, selected } = useDraft.getState();
  const from = lesson.steps[selected];
  const step: LessonStep = { title: '', explanation: '', ...(from?.language ? { language: from.language } : {}), snippet: from ? from.snippet : '', notice: '' };
  updateLesson((l) => ({ ...l, steps: [...l.steps.slice(0, selected + 1), step, ...l.steps.slice(selected + 1)] }));
  selectStep(selected + 1);
}

export function moveStep(index: number, by: -1 | 1): void {
  const { lesson, selected } = useDraft.getState();
  const to = index + by;
  if (to < 0 || to >= lesson.steps.length) return;
  updateLesson((l) => {
    const steps = [...l.steps];
    [steps[index], steps[to]] = [steps[to]!, steps[index]!];
    return { ...l, steps };
  });
  // The selection moves with its step.
  if (selected === index) useDraft.setState({ selected: to });
  else if (selected === to) useDraft.setState({ selected: index });
  persist();
}

export function deleteStep(index: number): void {
  const { lesson, selected } = useDraft.getState();
  const step = lesson.steps[index];
  if (!step || lesson.steps.length === 1) return;
  updateLesson((l) => ({ ...l, steps: l.steps.filter((_, i) => i !== index) }));
  useDraft.setState({ deleted: { index, step } });
  selectStep(selected > index || selected === lesson.steps.length - 1 ? selected - 1 : selected);
}

export function undoDelete(): void {
  const { deleted } = useDraft.getState();
  if (!deleted) return;
  updateLesson((l) => ({ ...l, steps: [...l.steps.slice(0, deleted.index), deleted.step, ...l.steps.slice(deleted.index)] }));
  useDraft.setState({ deleted: null });
  selectStep(deleted.index);
}

export function showAllProblems(): void {
  useDraft.setState({ showAllProblems: true });
}

/** "Preview": the draft in the lesson player, at the selected step; predictions are not recorded. */
export function preview(on: boolean): void {
  const { lesson, selected } = useDraft.getState();
  useDraft.setState({ previewing: on });
  if (on) openLesson(structuredClone(lesson), 'preview', selected);
  else {
    closeLesson();
    selectStep(selected);
  }
}

/** The stepper's position now (the graph beside the editor), for the selected step to open at. */
export function stepperHere(): { trace: number; step: number; mode: 'backward' | 'build' } {
  const { traceIndex, stepK, stepperMode } = useStore.getState();
  return { trace: traceIndex, step: stepK, mode: stepperMode };
}

// What the teacher types in the code editor is the selected step's snippet (not while previewing:
// the player shows the steps as they are; nor once the editor holds the teacher's own draft
// snippet again, from the banner's "Restore my draft"). Loading a step's own snippet changes nothing.
useStore.subscribe((s, prev) => {
  if (!s.lessonEditorOpen || !s.fromLink || s.source === prev.source) return;
  const { lesson, selected, previewing } = useDraft.getState();
  const step = lesson.steps[selected];
  if (previewing || !step || s.source === stepSource(step)) return;
  updateStep(selected, (st) => ({ ...st, snippet: s.source }), `steps[${selected}].snippet`);
});
