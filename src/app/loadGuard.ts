/**
 * The page runs the saved snippet as it opens. A snippet that brought the page down while it ran
 * (a crashed tab, or a frozen one the student had to close) would do it again on every reload.
 * So before that first run the page notes which snippet it is about to run, with a heartbeat it
 * renews every second while the note is its own, and removes the note once a run of that snippet
 * is done and the page has drawn it and answers again, or when the page is left. A page that finds
 * a note for the snippet it is about to run whose heartbeat has stopped (its page crashed or froze)
 * opens the snippet without running it, and says so. Another tab running the same snippet right now
 * keeps its heartbeat going, so it stops nothing.
 */
import { load, save } from '../store/storage';

const KEY = 'unfinishedRuns';
/** Other tabs may be loading snippets too: each keeps its own note. */
const MAX_NOTES = 8;
const BEAT_MS = 1000;
/** A heartbeat older than this is a page that stopped. */
const STOPPED_AFTER_MS = 3000;
/** After the run is done, the page must stay responsive this long for the run to count as survived. */
const SETTLE_MS = 1000;

export const NOT_RUN_NOTICE =
  'This snippet was not run: the page stopped while running it last time (it crashed, froze or was closed). Press Run when you are ready.';

interface Note {
  /** The snippet's fingerprint. */
  id: string;
  /** When its page last said it is alive (Date.now()). */
  beat: number;
}

/** FNV-1a of the text, with its length: enough to recognise the same snippet. */
function fingerprint(source: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < source.length; i++) {
    h ^= source.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${(h >>> 0).toString(16)}:${source.length}`;
}

function notes(): Note[] {
  try {
    const list: unknown = JSON.parse(load(KEY) ?? '[]');
    if (!Array.isArray(list)) return [];
    return list.filter((n): n is Note => typeof n?.id === 'string' && typeof n?.beat === 'number');
  } catch {
    return [];
  }
}

function write(id: string, beat: number | null): void {
  const others = notes().filter((n) => n.id !== id);
  save(KEY, JSON.stringify(beat === null ? others : [...others, { id, beat }].slice(-MAX_NOTES)));
}

/** This page's note: the snippet, and whether its run is still going. */
let mine: { id: string; running: boolean; timer: ReturnType<typeof setInterval> } | null = null;

function forget(): void {
  if (!mine) return;
  clearInterval(mine.timer);
  write(mine.id, null);
  mine = null;
}

/** Whether a page stopped while running this snippet as it opened. */
export function stoppedBefore(source: string): boolean {
  const id = fingerprint(source);
  const note = notes().find((n) => n.id === id);
  return !!note && Date.now() - note.beat > STOPPED_AFTER_MS;
}

/** Notes the run about to start as the page opens. */
export function noteOpeningRun(source: string): void {
  forget();
  const id = fingerprint(source);
  write(id, Date.now());
  mine = { id, running: true, timer: setInterval(() => mine && write(mine.id, Date.now()), BEAT_MS) };
}

/** A run of `source` is done: once the page has drawn it and answers again, its note goes. */
export function runSurvived(source: string): void {
  const id = fingerprint(source);
  const settled = (then: () => void) => setTimeout(() => requestIdleCallback(then), SETTLE_MS);
  const note = mine;
  if (note?.id === id) {
    if (!note.running) return;
    note.running = false;
    settled(() => mine === note && forget());
  } else if (stoppedBefore(source)) {
    // The student ran it here on request, to its end: it no longer stops a page.
    settled(() => write(id, null));
  }
}

// A page that is left (a reload, a closed tab) was answering: whatever its run, it did not stop
// there. A crashed or frozen page runs no handler: its note stays, and its heartbeat goes stale.
if (typeof window !== 'undefined') window.addEventListener('pagehide', forget);
