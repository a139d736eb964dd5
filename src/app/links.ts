/**
 * Share links in the TypeScript Playground's format: `#code/<lz-string
 * compressToEncodedURIComponent(source)>` opens the playground with that snippet and runs it.
 */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';

const CODE_PREFIX = '#code/';

/** The snippet a `#code/...` hash carries, or null (no link, or one that does not decode). */
export function codeFromHash(hash: string): string | null {
  if (!hash.startsWith(CODE_PREFIX)) return null;
  const code = decompressFromEncodedURIComponent(hash.slice(CODE_PREFIX.length));
  return code || null;
}

export function hashForCode(source: string): string {
  return CODE_PREFIX + compressToEncodedURIComponent(source);
}
