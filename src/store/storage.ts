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
