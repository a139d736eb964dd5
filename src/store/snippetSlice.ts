import { understandingAutograd } from '../../engine/seeds/examples';
import type { SliceCreator } from './types';
import { load, loadTab, save, saveTab } from './storage';
import { backUpDraft, dropDraftBackup, tabDraftBackup } from './draftBackup';
import { isLanguage, type Language } from './language';

const FIRST_EXAMPLE = understandingAutograd.find((e) => e.id === '000-4') ?? understandingAutograd[0];
/** The first visit's snippet: the first seed article's complete example (graph, backward, grad). */
export const DEFAULT_SOURCE = FIRST_EXAMPLE.source;
/** The same example as the article writes it, in Python. */
export const DEFAULT_PYTHON_SOURCE = FIRST_EXAMPLE.python;

export const DEFAULT_SOURCES: Record<Language, string> = { typescript: DEFAULT_SOURCE, python: DEFAULT_PYTHON_SOURCE };

/** A banner above the workspace: why a link did not open, and the way back to the student's draft. */
export interface Notice {
  text: string;
  /** Offer to bring back the student's own draft (kept while a link's snippet is open). */
  offerDraft: boolean;
}

export interface SnippetSlice {
  source: string;
  /** The snippet's language: each has its own draft; a link or a lesson says which it opens. */
  language: Language;
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
  openLink(source: string, problem: string | null, language?: Language): void;
  /** Switches the editor to the other language: that language's draft (or its default snippet). */
  setLanguage(language: Language): void;
  /**
   * Opens a lesson step's snippet in this tab, like a link (the draft stays as it was);
   * `announce` says so in the banner when the draft differs (on opening the lesson, not every step).
   */
  openLessonSnippet(source: string, announce: boolean, language?: Language): void;
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
const LINK_LANGUAGE_KEY = 'linkLanguage';
const LANGUAGE_KEY = 'language';
/** Each language's draft (the TypeScript one under the key it always had). */
export const DRAFT_KEYS: Record<Language, string> = { typescript: 'source', python: 'source.python' };

/** The student's draft in `language`: this tab's backup when localStorage refused the latest one. */
function savedDraft(language: Language): string | null {
  return tabDraftBackup(DRAFT_KEYS[language]) ?? load(DRAFT_KEYS[language]);
}

function draftOf(language: Language): string {
  return savedDraft(language) ?? DEFAULT_SOURCES[language];
}

function draftDiffers(source: string, language: Language): boolean {
  const draft = savedDraft(language);
  return draft !== null && draft !== source;
}

function savedLanguage(key: string, read: (key: string) => string | null): Language {
  const v = read(key);
  return isLanguage(v) ? v : 'typescript';
}

function initial(): Pick<SnippetSlice, 'source' | 'language' | 'fromLink' | 'notice'> {
  const linked = loadTab(LINK_KEY);
  if (linked === null) {
    const language = savedLanguage(LANGUAGE_KEY, load);
    return { source: draftOf(language), language, fromLink: false, notice: null };
  }
  const language = savedLanguage(LINK_LANGUAGE_KEY, loadTab);
  const notice = draftDiffers(linked, language) ? { text: 'This tab shows a shared snippet. Your own draft is kept.', offerDraft: true } : null;
  return { source: linked, language, fromLink: true, notice };
}

export const createSnippetSlice: SliceCreator<SnippetSlice> = (set, get) => {
  /** Saves the draft; where localStorage refuses it, keeps it in the backups and warns at once. */
  const saveDraft = (language: Language, source: string) => {
    const key = DRAFT_KEYS[language];
    const problem = save(key, source);
    if (problem === null) {
      dropDraftBackup(key);
      if (get().draftWarning !== null) set({ draftWarning: null });
    } else {
      backUpDraft(key, source);
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
      else saveDraft(get().language, source);
      set({ source });
    },
    openLink: (source, problem, language = 'typescript') => {
      saveTab(LINK_KEY, source);
      saveTab(LINK_LANGUAGE_KEY, language);
      const offerDraft = draftDiffers(source, language);
      const text = [problem, problem ? 'The default snippet is shown instead.' : 'You opened a shared snippet.', offerDraft ? 'Your own draft is kept.' : '']
        .filter(Boolean)
        .join(' ');
      set({ source, language, fromLink: true, notice: problem || offerDraft ? { text, offerDraft } : null });
    },
    setLanguage: (language) => {
      if (language === get().language) return;
      // A link's snippet is in the link's language: switching goes back to the student's drafts.
      saveTab(LINK_KEY, null);
      saveTab(LINK_LANGUAGE_KEY, null);
      save(LANGUAGE_KEY, language);
      set({ language, source: draftOf(language), fromLink: false, notice: null });
    },
    openLessonSnippet: (source, announce, language = 'typescript') => {
      saveTab(LINK_KEY, source);
      saveTab(LINK_LANGUAGE_KEY, language);
      const notice = announce && draftDiffers(source, language) ? { text: 'This tab shows the lesson\'s snippet. Your own draft is kept.', offerDraft: true } : get().notice;
      set({ source, language, fromLink: true, notice });
    },
    restoreDraft: () => {
      saveTab(LINK_KEY, null);
      saveTab(LINK_LANGUAGE_KEY, null);
      set({ source: draftOf(get().language), fromLink: false, notice: null });
    },
    keepAsDraft: () => {
      saveTab(LINK_KEY, null);
      saveTab(LINK_LANGUAGE_KEY, null);
      saveDraft(get().language, get().source);
      save(LANGUAGE_KEY, get().language);
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
