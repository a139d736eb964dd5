import { understandingAutograd } from '../../engine/seeds/examples';
import type { SliceCreator } from './types';
import { load, loadTab, save, saveTab } from './storage';
import { backUpDraft, dropDraftBackup, tabDraftBackup } from './draftBackup';

/** The first visit's snippet: the first seed article's complete example (graph, backward, grad). */
export const DEFAULT_SOURCE = (understandingAutograd.find((e) => e.id === '000-4') ?? understandingAutograd[0]).source;

/** A banner above the workspace: why a link did not open, and the way back to the student's draft. */
export interface Notice {
  text: string;
  /** Offer to bring back the student's own draft (kept while a link's snippet is open). */
  offerDraft: boolean;
}

export interface SnippetSlice {
  source: string;
  /**
   * The editor shows a snippet opened from a link (or the default one, for a link that did not
   * open): edits are kept for this tab only and the student's own draft stays as it was.
   */
  fromLink: boolean;
  notice: Notice | null;
  /**
   * Why the draft could not be saved in localStorage (the browser's error name, `QuotaExceededError`
   * when full); null while it saves, '' once the student dismissed the warning. The draft is then
   * kept in backups (draftBackup.ts).
   */
  draftWarning: string | null;
  /** Run as the student types (debounced). */
  autoRun: boolean;
  setSource(source: string): void;
  /** Opens a link's snippet in this tab; `problem` says why the link itself could not be opened. */
  openLink(source: string, problem: string | null): void;
  /**
   * Opens a lesson step's snippet in this tab, like a link (the draft stays as it was);
   * `announce` says so in the banner when the draft differs (on opening the lesson, not every step).
   */
  openLessonSnippet(source: string, announce: boolean): void;
  /** Back to the student's own draft (the link's snippet is dropped). */
  restoreDraft(): void;
  /** Keeps the link's snippet as the student's draft (replacing it: the student asked). */
  keepAsDraft(): void;
  dismissNotice(): void;
  dismissDraftWarning(): void;
  /** Shows a newer draft found in the backups (another tab's, when localStorage was full). */
  adoptDraftBackup(source: string): void;
  setAutoRun(on: boolean): void;
}

const LINK_KEY = 'linkSource';
const DRAFT_KEY = 'source';

/** The student's draft: this tab's backup when localStorage refused the latest one. */
function savedDraft(): string | null {
  return tabDraftBackup() ?? load(DRAFT_KEY);
}

function draftDiffers(source: string): boolean {
  const draft = savedDraft();
  return draft !== null && draft !== source;
}

function initial(): Pick<SnippetSlice, 'source' | 'fromLink' | 'notice'> {
  const linked = loadTab(LINK_KEY);
  if (linked === null) return { source: savedDraft() ?? DEFAULT_SOURCE, fromLink: false, notice: null };
  return { source: linked, fromLink: true, notice: draftDiffers(linked) ? { text: 'This tab shows a shared snippet. Your own draft is kept.', offerDraft: true } : null };
}

export const createSnippetSlice: SliceCreator<SnippetSlice> = (set, get) => {
  /** Saves the draft; where localStorage refuses it, keeps it in the backups and warns at once. */
  const saveDraft = (source: string) => {
    const problem = save(DRAFT_KEY, source);
    if (problem === null) {
      dropDraftBackup();
      if (get().draftWarning !== null) set({ draftWarning: null });
    } else {
      backUpDraft(source);
      if (get().draftWarning === null) set({ draftWarning: problem });
    }
  };
  return {
    ...initial(),
    draftWarning: null,
    autoRun: load('autoRun') !== 'false',
    setSource: (source) => {
      // Saved on every change, so a reload or a crash loses nothing; a link's snippet never
      // overwrites the student's draft.
      if (get().fromLink) saveTab(LINK_KEY, source);
      else saveDraft(source);
      set({ source });
    },
    openLink: (source, problem) => {
      saveTab(LINK_KEY, source);
      const offerDraft = draftDiffers(source);
      const text = [problem, problem ? 'The default snippet is shown instead.' : 'You opened a shared snippet.', offerDraft ? 'Your own draft is kept.' : '']
        .filter(Boolean)
        .join(' ');
      set({ source, fromLink: true, notice: problem || offerDraft ? { text, offerDraft } : null });
    },
    openLessonSnippet: (source, announce) => {
      saveTab(LINK_KEY, source);
      const notice = announce && draftDiffers(source) ? { text: 'This tab shows the lesson\'s snippet. Your own draft is kept.', offerDraft: true } : get().notice;
      set({ source, fromLink: true, notice });
    },
    restoreDraft: () => {
      saveTab(LINK_KEY, null);
      set({ source: savedDraft() ?? DEFAULT_SOURCE, fromLink: false, notice: null });
    },
    keepAsDraft: () => {
      saveTab(LINK_KEY, null);
      saveDraft(get().source);
      set({ fromLink: false, notice: null });
    },
    dismissNotice: () => set({ notice: null }),
    dismissDraftWarning: () => set({ draftWarning: '' }),
    adoptDraftBackup: (source) => {
      set({ source, notice: { text: "Your latest draft was brought back from this browser's backup storage: the site's storage was full when you wrote it.", offerDraft: false } });
    },
    setAutoRun: (autoRun) => {
      save('autoRun', String(autoRun));
      set({ autoRun });
    },
  };
};
