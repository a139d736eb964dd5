import { describe, expect, it } from 'vitest';
import { BLOCKED_GLOBALS, BLOCKED_NAVIGATOR, lockDown, PermissionError } from './sandbox';

describe('lockDown', () => {
  it('removes each blocked API from the scope and its prototypes and pins a throwing stand-in', () => {
    const proto = { fetch: () => 'network', postMessage: () => 'posted' };
    const scope = Object.create(proto) as Record<string, unknown>;
    scope.XMLHttpRequest = class {};
    scope.keep = 42;
    lockDown(scope);
    expect(Object.hasOwn(proto, 'fetch')).toBe(false);
    expect(Object.hasOwn(proto, 'postMessage')).toBe(false);
    expect(scope.keep).toBe(42);
    for (const name of BLOCKED_GLOBALS) {
      expect(() => (scope[name] as () => void)()).toThrow(PermissionError);
      expect(() => (scope[name] as () => void)()).toThrow(`${name} is not available in Gradlab`);
    }
    expect(() => new (scope.XMLHttpRequest as new () => unknown)()).toThrow('XMLHttpRequest is not available');
    expect(() => (scope.indexedDB as { open(): void }).open()).toThrow('indexedDB is not available');
    // Pinned: the snippet can neither put the original back nor delete the stand-in.
    expect(Reflect.set(scope, 'fetch', () => 'again')).toBe(false);
    expect(Reflect.deleteProperty(scope, 'fetch')).toBe(false);
  });

  it('removes persistent storage and Web Locks from the scope\'s navigator', () => {
    const navProto = { storage: { getDirectory: () => 'opfs' }, locks: { query: () => 'locks' }, storageBuckets: { open: () => 'bucket' }, gpu: 'kept' };
    const scope = { navigator: Object.create(navProto) } as { navigator: Record<string, { [k: string]: () => unknown }> & { gpu: string } };
    lockDown(scope);
    expect(scope.navigator.gpu).toBe('kept');
    for (const name of BLOCKED_NAVIGATOR) {
      expect(Object.hasOwn(navProto, name)).toBe(false);
      expect(() => scope.navigator[name].x()).toThrow(`navigator.${name} is not available in Gradlab`);
    }
    expect(() => scope.navigator.storage.getDirectory()).toThrow(PermissionError);
  });
});
