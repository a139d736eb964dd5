/**
 * Share links in the TypeScript Playground's format: `#code/<lz-string
 * compressToEncodedURIComponent(source)>` opens the playground with that snippet and runs it.
 *
 * Links come from chat and learning platforms, so decoding trusts nothing: the decompressor is
 * lz-string's, ported with a limit checked as the output grows (an LZW stream can expand about
 * quadratically: a 2 MB link could ask for gigabytes), and a link that is corrupt, truncated,
 * too big or of a format this version does not know is reported, never half-opened.
 */
import { compressToEncodedURIComponent } from 'lz-string';

const CODE_PREFIX = '#code/';
/** The longest snippet a link may carry, decompressed. */
export const MAX_LINK_SOURCE_CHARS = 100_000;
/** lz-string needs well under 3 link characters per source character: anything longer is not ours. */
const MAX_LINK_CHARS = 3 * MAX_LINK_SOURCE_CHARS;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
const LINK_FORMAT = /^#([a-z][a-z0-9_-]*)\//i;

export type Link = { kind: 'none' } | { kind: 'code'; source: string } | { kind: 'invalid'; reason: string };

export function hashForCode(source: string): string {
  return CODE_PREFIX + compressToEncodedURIComponent(source);
}

/** What a location hash carries: no link, a snippet, or a link that cannot be opened (and why). */
export function decodeLink(hash: string): Link {
  const format = LINK_FORMAT.exec(hash);
  if (!format) return { kind: 'none' };
  if (!hash.startsWith(CODE_PREFIX)) {
    return { kind: 'invalid', reason: `This link is in a format this version of Gradlab does not know (#${format[1]}/…).` };
  }
  const payload = hash.slice(CODE_PREFIX.length);
  if (payload.length > MAX_LINK_CHARS) return { kind: 'invalid', reason: tooBig() };
  const decoded = decompress(payload, MAX_LINK_SOURCE_CHARS);
  if (decoded === TOO_BIG) return { kind: 'invalid', reason: tooBig() };
  if (decoded === null || decoded === '' || !plausibleText(decoded)) {
    return { kind: 'invalid', reason: 'This link is corrupt or cut short (copied only in part?): its snippet could not be read.' };
  }
  return { kind: 'code', source: decoded };
}

/** The snippet a `#code/...` hash carries, or null (no link, or one that does not decode). */
export function codeFromHash(hash: string): string | null {
  const link = decodeLink(hash);
  return link.kind === 'code' ? link.source : null;
}

function tooBig(): string {
  return `This link's snippet is larger than ${MAX_LINK_SOURCE_CHARS.toLocaleString('en-US')} characters, the most a link may carry.`;
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
