/**
 * What the snippet worker takes away before any snippet runs: every way out of the worker
 * (network, storage, messaging, more workers). The snippet sees the engine's globals and
 * JavaScript's own, nothing that reaches the page or the network. The worker's own postMessage
 * is captured by its module before this runs, so the snippet cannot post to the page either.
 */

/** Removed from the worker's global scope (and its prototype chain). */
export const BLOCKED_GLOBALS = [
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'WebSocketStream',
  'WebTransport',
  'EventSource',
  'importScripts',
  'indexedDB',
  'caches',
  'BroadcastChannel',
  'Worker',
  'SharedWorker',
  'postMessage',
  'close',
  // The old file system API, still in Chromium's workers.
  'webkitRequestFileSystem',
  'webkitRequestFileSystemSync',
  'webkitResolveLocalFileSystemURL',
  'webkitResolveLocalFileSystemSyncURL',
] as const;

/**
 * Removed from the worker's `navigator` (and its prototype chain): persistent storage (the
 * origin-private file system, quotas, storage buckets with their own indexedDB and caches) and Web
 * Locks, which other tabs of the origin can see. In the runner frame (an opaque origin) Chromium
 * refuses them anyway; a WebGPU run's worker lives in the page, where they would work.
 */
export const BLOCKED_NAVIGATOR = ['storage', 'locks', 'storageBuckets'] as const;

/** Python's name for "not allowed here": the console shows `PermissionError: fetch is not available…`. */
export class PermissionError extends Error {
  override name = 'PermissionError';
}

function blockedMessage(name: string): string {
  return `${name} is not available in Gradlab: snippets run without network, storage or messaging access`;
}

/** A stand-in that throws the clear message on any use: call, `new`, or reading a property. */
function blocked(name: string): unknown {
  const fail = (): never => {
    throw new PermissionError(blockedMessage(name));
  };
  return new Proxy(function blockedApi() {}, { apply: fail, construct: fail, get: fail });
}

/** Deletes each name wherever it lives on `target`'s chain, then pins a throwing stand-in on `target`. */
function block(target: object, names: readonly string[], prefix: string): void {
  for (const name of names) {
    for (let o: object | null = target; o !== null; o = Object.getPrototypeOf(o)) {
      if (Object.hasOwn(o, name)) Reflect.deleteProperty(o, name);
    }
    Object.defineProperty(target, name, { value: blocked(prefix + name), writable: false, enumerable: false, configurable: false });
  }
}

/** Blocks every name of BLOCKED_GLOBALS on `scope` and of BLOCKED_NAVIGATOR on its `navigator`. */
export function lockDown(scope: object): void {
  block(scope, BLOCKED_GLOBALS, '');
  const nav: unknown = (scope as { navigator?: unknown }).navigator;
  if (typeof nav === 'object' && nav !== null) block(nav, BLOCKED_NAVIGATOR, 'navigator.');
}
