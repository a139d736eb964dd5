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
] as const;

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

/** Deletes each blocked name wherever it lives on the chain, then pins a throwing stand-in on `scope`. */
export function lockDown(scope: object): void {
  for (const name of BLOCKED_GLOBALS) {
    for (let o: object | null = scope; o !== null; o = Object.getPrototypeOf(o)) {
      if (Object.hasOwn(o, name)) Reflect.deleteProperty(o, name);
    }
    Object.defineProperty(scope, name, { value: blocked(name), writable: false, enumerable: false, configurable: false });
  }
}
