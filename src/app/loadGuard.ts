/**
 * The page runs the saved snippet as it opens. A snippet that brought the page down while it ran
 * (a crashed tab, or a frozen one the student had to close) would do it again on every reload.
 * So before that first run the page notes which snippet it is about to run, and clears the note
 * once a run of it is done and the page has drawn it and answers again; a page that finds the note
 * for the snippet it is about to run opens the snippet without running it, and says so.
 */
import { load, save } from '../store/storage';

const KEY = 'unfinishedRuns';
/** Other tabs may be loading snippets too: each keeps its own note. */
const MAX_NOTES = 8;
/** After the run is done, the page must stay responsive this long for the run to count as survived. */
const SETTLE_MS = 1000;

export const NOT_RUN_NOTICE =
  'This snippet was not run: the page stopped while running it last time (it crashed, froze or was closed). Press Run when you are ready.';

/** FNV-1a of the text, with its length: enough to recognise the same snippet. */
function fingerprint(source: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < source.length; i++) {
    h ^= source.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${(h >>> 0).toString(16)}:${source.length}`;
}

function notes(): string[] {
  try {
    const list: unknown = JSON.parse(load(KEY) ?? '[]');
    return Array.isArray(list) ? list.filter((n): n is string => typeof n === 'string') : [];
  } catch {
    return [];
  }
}

/** Whether the page stopped while running this snippet when it last opened it. */
export function stoppedBefore(source: string): boolean {
  return notes().includes(fingerprint(source));
}

/** Notes the run about to start as the page opens. */
export function noteOpeningRun(source: string): void {
  const note = fingerprint(source);
  save(KEY, JSON.stringify([...notes().filter((n) => n !== note), note].slice(-MAX_NOTES)));
}

const settling = new Set<string>();

function forget(note: string): void {
  settling.delete(note);
  save(KEY, JSON.stringify(notes().filter((n) => n !== note)));
}

/**
 * A run of `source` is done: once the page has drawn it and answers again, its note goes (at once
 * if the page is left first: a reload or a closed tab after the run is not a page that stopped).
 */
export function runSurvived(source: string): void {
  const note = fingerprint(source);
  if (!notes().includes(note) || settling.has(note)) return;
  settling.add(note);
  setTimeout(() => requestIdleCallback(() => forget(note)), SETTLE_MS);
}

if (typeof window !== 'undefined') window.addEventListener('pagehide', () => [...settling].forEach(forget));
