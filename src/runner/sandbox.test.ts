import { describe, expect, it } from 'vitest';
import { BLOCKED_GLOBALS, lockDown, PermissionError } from './sandbox';

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
});
