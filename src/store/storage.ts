/** localStorage that never throws: private modes and full quotas simply forget. */
const PREFIX = 'gradlab.';

export function load(key: string): string | null {
  try {
    return localStorage.getItem(PREFIX + key);
  } catch {
    return null;
  }
}

export function save(key: string, value: string): void {
  try {
    localStorage.setItem(PREFIX + key, value);
  } catch {
    // Nothing to do: the page works without persistence.
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
