/**
 * localStorage that never throws. A save that fails (a full quota: another app on the same origin,
 * such as *.github.io, may have filled it; a private mode) says why, by the error's name; the
 * draft's save acts on it (draftBackup.ts), settings simply stay in memory.
 */
const PREFIX = 'gradlab.';

export function load(key: string): string | null {
  try {
    return localStorage.getItem(PREFIX + key);
  } catch {
    return null;
  }
}

/** Null when stored (or removed, for null), else the name of the browser's error (`QuotaExceededError` when full). */
export function save(key: string, value: string | null): string | null {
  try {
    if (value === null) localStorage.removeItem(PREFIX + key);
    else localStorage.setItem(PREFIX + key, value);
    return null;
  } catch (e) {
    return e instanceof Error ? e.name : 'Error';
  }
}

/**
 * The same for this tab only (sessionStorage survives a reload and a crashed tab's restore, and
 * is not shared with other tabs): a snippet opened from a link lives here, apart from the draft.
 */
export function loadTab(key: string): string | null {
  try {
    return sessionStorage.getItem(PREFIX + key);
  } catch {
    return null;
  }
}

export function saveTab(key: string, value: string | null): void {
  try {
    if (value === null) sessionStorage.removeItem(PREFIX + key);
    else sessionStorage.setItem(PREFIX + key, value);
  } catch {
    // As above.
  }
}
