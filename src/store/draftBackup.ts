/**
 * The draft's second home, for when localStorage refuses it (full, most likely: another app on the
 * same origin may have filled it). Each refused save also goes to sessionStorage (this tab; read
 * back synchronously when the page opens again) and to IndexedDB (a quota of its own, shared by the
 * origin's tabs). Both copies go once localStorage takes the draft again, so a copy found here is
 * always newer than the draft in localStorage.
 */
import { loadTab, saveTab } from './storage';

const TAB_KEY = 'draftBackup';
const DB_NAME = 'gradlab';
const STORE = 'backup';
const DRAFT = 'draft';

let backedUp = false;

function withStore<T>(mode: IDBTransactionMode, use: (store: IDBObjectStore) => IDBRequest<T>): Promise<T | null> {
  return new Promise((resolve) => {
    try {
      const open = indexedDB.open(DB_NAME, 1);
      open.onupgradeneeded = () => open.result.createObjectStore(STORE);
      open.onerror = () => resolve(null);
      open.onsuccess = () => {
        const db = open.result;
        const request = use(db.transaction(STORE, mode).objectStore(STORE));
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => resolve(null);
        request.transaction?.addEventListener('complete', () => db.close());
      };
    } catch {
      // No IndexedDB here (an opaque origin, a private mode): sessionStorage's copy is all there is.
      resolve(null);
    }
  });
}

/** Keeps `source` where localStorage would not. */
export function backUpDraft(source: string): void {
  backedUp = true;
  saveTab(TAB_KEY, source);
  void withStore('readwrite', (store) => store.put(source, DRAFT));
}

/** localStorage took the draft: the copies are older now. */
export function dropDraftBackup(): void {
  if (!backedUp) return;
  backedUp = false;
  saveTab(TAB_KEY, null);
  void withStore('readwrite', (store) => store.delete(DRAFT));
}

/** This tab's copy, newer than localStorage's draft when there is one. */
export function tabDraftBackup(): string | null {
  const source = loadTab(TAB_KEY);
  if (source !== null) backedUp = true;
  return source;
}

/** The origin's copy (another tab, an earlier visit), newer than localStorage's draft when there is one. */
export async function storedDraftBackup(): Promise<string | null> {
  const source = await withStore<unknown>('readonly', (store) => store.get(DRAFT));
  if (typeof source !== 'string') return null;
  backedUp = true;
  return source;
}
