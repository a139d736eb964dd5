/**
 * The draft's second home, for when localStorage refuses it (full, most likely: another app on the
 * same origin may have filled it). Each refused save also goes to sessionStorage (this tab; read
 * back synchronously when the page opens again) and to IndexedDB (a quota of its own, shared by the
 * origin's tabs). Both copies go once localStorage takes the draft again, so a copy found here is
 * always newer than the draft in localStorage.
 */
import { loadTab, saveTab } from './storage';

const DB_NAME = 'gradlab';
const STORE = 'backup';

/** Where each draft's copies live (the TypeScript draft, `source`, under the names it always had). */
const tabKey = (draftKey: string) => (draftKey === 'source' ? 'draftBackup' : `draftBackup.${draftKey}`);
const dbKey = (draftKey: string) => (draftKey === 'source' ? 'draft' : `draft.${draftKey}`);

/** The drafts that have copies (so that a save localStorage takes drops them). */
const backedUp = new Set<string>();

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

/** Keeps `source`, the draft saved under `draftKey`, where localStorage would not. */
export function backUpDraft(draftKey: string, source: string): void {
  backedUp.add(draftKey);
  saveTab(tabKey(draftKey), source);
  void withStore('readwrite', (store) => store.put(source, dbKey(draftKey)));
}

/** localStorage took the draft: the copies are older now. */
export function dropDraftBackup(draftKey: string): void {
  if (!backedUp.delete(draftKey)) return;
  saveTab(tabKey(draftKey), null);
  void withStore('readwrite', (store) => store.delete(dbKey(draftKey)));
}

/** This tab's copy, newer than localStorage's draft when there is one. */
export function tabDraftBackup(draftKey: string): string | null {
  const source = loadTab(tabKey(draftKey));
  if (source !== null) backedUp.add(draftKey);
  return source;
}

/** The origin's copy (another tab, an earlier visit), newer than localStorage's draft when there is one. */
export async function storedDraftBackup(draftKey: string): Promise<string | null> {
  const source = await withStore<unknown>('readonly', (store) => store.get(dbKey(draftKey)));
  if (typeof source !== 'string') return null;
  backedUp.add(draftKey);
  return source;
}
