/**
 * Share links in the TypeScript Playground's format: `#code/<lz-string
 * compressToEncodedURIComponent(source)>` opens the playground with that snippet and runs it;
 * `#lesson/<lz-string of a lesson's JSON>` opens a whole lesson (validated by src/lessons).
 * `#py/<...>` does the same for a Python snippet (Python mode).
 *
 * Links come from chat and learning platforms, so decoding trusts nothing: the decompressor is
 * lz-string's, ported with a limit checked as the output grows (an LZW stream can expand about
 * quadratically: a 2 MB link could ask for gigabytes), and a link that is corrupt, truncated,
 * too big or of a format this version does not know is reported, never half-opened.
 */
import { compressToEncodedURIComponent } from 'lz-string';

import type { Language } from '../store/language';

/** The link prefix of each language's snippets, and of lessons. */
const PREFIXES: Record<Language, string> = { typescript: '#code/', python: '#py/' };
export const LESSON_PREFIX = '#lesson/';
/** The longest snippet a link may carry, decompressed. */
export const MAX_LINK_SOURCE_CHARS = 100_000;
/** The longest lesson JSON a link may carry, decompressed (a lesson file's own limit, 200 KB). */
export const MAX_LINK_LESSON_CHARS = 200 * 1024;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
const LINK_FORMAT = /^#([a-z][a-z0-9_-]*)\//i;

export type Link =
  | { kind: 'none' }
  | { kind: 'code'; source: string; language: Language }
  /** A lesson link's JSON text, decompressed but not yet parsed or validated. */
  | { kind: 'lesson'; text: string }
  | { kind: 'invalid'; reason: string; lesson?: true };

export function hashForCode(source: string, language: Language = 'typescript'): string {
  return PREFIXES[language] + compressToEncodedURIComponent(source);
}

/** What a location hash carries: no link, a snippet, or a link that cannot be opened (and why). */
export function decodeLink(hash: string): Link {
  const format = LINK_FORMAT.exec(hash);
  if (!format) return { kind: 'none' };
  if (hash.startsWith(LESSON_PREFIX)) {
    const text = decodePayload(hash.slice(LESSON_PREFIX.length), MAX_LINK_LESSON_CHARS, 'lesson');
    return text.ok ? { kind: 'lesson', text: text.value } : { kind: 'invalid', reason: text.reason, lesson: true };
  }
  const language = (Object.keys(PREFIXES) as Language[]).find((l) => hash.startsWith(PREFIXES[l]));
  if (!language) {
    return { kind: 'invalid', reason: `This link is in a format this version of Gradlab does not know (#${format[1]}/…).` };
  }
  const source = decodePayload(hash.slice(PREFIXES[language].length), MAX_LINK_SOURCE_CHARS, 'snippet');
  return source.ok ? { kind: 'code', source: source.value, language } : { kind: 'invalid', reason: source.reason };
}

/** A link's payload, decompressed within `limit` characters, or why it cannot be read. */
function decodePayload(payload: string, limit: number, what: 'snippet' | 'lesson'): { ok: true; value: string } | { ok: false; reason: string } {
  const tooBig = { ok: false as const, reason: `This link's ${what} is larger than ${limit.toLocaleString('en-US')} characters, the most a link may carry.` };
  // lz-string needs well under 3 link characters per character it carries: anything longer is not ours.
  if (payload.length > 3 * limit) return tooBig;
  const decoded = decompress(payload, limit);
  if (decoded === TOO_BIG) return tooBig;
  if (decoded === null || decoded === '' || !plausibleText(decoded)) {
    return { ok: false, reason: `This link is corrupt or cut short (copied only in part?): its ${what} could not be read.` };
  }
  return { ok: true, value: decoded };
}

/** The snippet a `#code/...` hash carries, or null (no link, or one that does not decode). */
export function codeFromHash(hash: string): string | null {
  const link = decodeLink(hash);
  return link.kind === 'code' ? link.source : null;
}

/** Garbage that happens to decompress: control characters or lone surrogates are no one's snippet. */
function plausibleText(s: string): boolean {
  return !/[\u0000-\u0008\u000e-\u001f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
}

export const TOO_BIG = Symbol('too big');

/**
 * lz-string 1.5's `decompressFromEncodedURIComponent` (its `_decompress` with 6-bit input), with
 * two differences: a character outside the alphabet makes the link invalid (lz-string reads it as
 * zero bits and goes on), and the output stops at `limit` characters.
 */
export function decompress(input: string, limit: number): string | typeof TOO_BIG | null {
  const codes = new Array<number>(input.length);
  for (let i = 0; i < input.length; i++) {
    const v = ALPHABET.indexOf(input[i] === ' ' ? '+' : input[i]);
    if (v < 0) return null;
    codes[i] = v;
  }
  const length = codes.length;
  if (length === 0) return null;
  const resetValue = 32;
  let val = codes[0];
  let position = resetValue;
  let index = 1;
  const readBits = (n: number): number => {
    let bits = 0;
    for (let power = 1, max = 1 << n; power !== max; power <<= 1) {
      const resb = val & position;
      position >>= 1;
      if (position === 0) {
        position = resetValue;
        val = codes[index++] ?? 0;
      }
      bits |= (resb > 0 ? 1 : 0) * power;
    }
    return bits;
  };

  const dictionary: string[] = ['', '', ''];
  let enlargeIn = 4;
  let dictSize = 4;
  let numBits = 3;
  let c: string;
  switch (readBits(2)) {
    case 0:
      c = String.fromCharCode(readBits(8));
      break;
    case 1:
      c = String.fromCharCode(readBits(16));
      break;
    default:
      return null;
  }
  dictionary[3] = c;
  let w = c;
  const result = [c];
  let size = 1;
  for (;;) {
    if (index > length) return null;
    let code = readBits(numBits);
    if (code === 0 || code === 1) {
      dictionary[dictSize++] = String.fromCharCode(readBits(code === 0 ? 8 : 16));
      code = dictSize - 1;
      enlargeIn--;
    } else if (code === 2) {
      return result.join('');
    }
    if (enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
    let entry: string;
    if (code < dictSize && dictionary[code]) entry = dictionary[code];
    else if (code === dictSize) entry = w + w.charAt(0);
    else return null;
    size += entry.length;
    if (size > limit) return TOO_BIG;
    result.push(entry);
    dictionary[dictSize++] = w + entry.charAt(0);
    enlargeIn--;
    w = entry;
    if (enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
  }
}
