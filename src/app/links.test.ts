import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compressToEncodedURIComponent } from 'lz-string';
import { decodeLink, decompress, hashForCode, MAX_LINK_SOURCE_CHARS, TOO_BIG } from './links';

describe('decodeLink', () => {
  it('reads back every snippet lz-string wrote, in either language', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 400 }).filter((s) => s.length > 0 && !/[\u0000-\u0008\u000e-\u001f]/.test(s)),
        fc.constantFrom('typescript' as const, 'python' as const),
        (source, language) => {
          expect(decodeLink(hashForCode(source, language))).toEqual({ kind: 'code', source, language });
        },
      ),
      { numRuns: 300 },
    );
    const snippet = 'const x = torch.ones(2, 2, {requires_grad: true});\nprint(x.add(2).mul(3).mean());\n';
    expect(decodeLink(`#code/${compressToEncodedURIComponent(snippet)}`)).toEqual({ kind: 'code', source: snippet, language: 'typescript' });
    const python = 'x = torch.ones(2, 2, requires_grad=True)\nprint((x + 2).mean())\n';
    expect(hashForCode(python, 'python')).toBe(`#py/${compressToEncodedURIComponent(python)}`);
    expect(decodeLink(`#py/${compressToEncodedURIComponent(python)}`)).toEqual({ kind: 'code', source: python, language: 'python' });
  });

  it('ignores hashes that are not links', () => {
    expect(decodeLink('')).toEqual({ kind: 'none' });
    expect(decodeLink('#section-2')).toEqual({ kind: 'none' });
  });

  it('refuses truncated, corrupt, unknown-format and oversized links with a reason', () => {
    const hash = hashForCode('print(torch.ones(3).sum());\n'.repeat(20));
    expect(decodeLink(hash.slice(0, hash.length - 6))).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('corrupt or cut short') });
    expect(decodeLink(hash.slice(0, 12) + '!*' + hash.slice(14))).toMatchObject({ kind: 'invalid' });
    expect(decodeLink('#code/')).toMatchObject({ kind: 'invalid' });
    expect(decodeLink('#code2/abc')).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('format this version of Gradlab does not know') });
    expect(decodeLink('#py/')).toMatchObject({ kind: 'invalid' });
    const py = hashForCode('print(torch.ones(3).sum())\n'.repeat(20), 'python');
    expect(decodeLink(py.slice(0, py.length - 6))).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('corrupt or cut short') });
    expect(decodeLink(hashForCode('x'.repeat(MAX_LINK_SOURCE_CHARS + 1)))).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('larger than 100,000 characters') });
    expect(decodeLink(hashForCode('y'.repeat(MAX_LINK_SOURCE_CHARS)))).toMatchObject({ kind: 'code' });
  });

  it('stops a decompression bomb early: a 3 KB link that expands to 2 MB', () => {
    // LZW: n codes of 'a' expand to about n²/2 characters, so 2 MB of snippet is a tiny link.
    const bomb = hashForCode('a'.repeat(2_000_000));
    expect(bomb.length).toBeLessThan(4_000);
    expect(decodeLink(bomb)).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('larger than') });
    // The limit, checked as the output grows, is what stops it: with room enough, the same
    // stream decodes to its 2 MB. (How fast the refusal is belongs in a benchmark, not here.)
    const payload = bomb.slice('#code/'.length);
    expect(decompress(payload, MAX_LINK_SOURCE_CHARS)).toBe(TOO_BIG);
    expect(decompress(payload, 2_000_000)).toBe('a'.repeat(2_000_000));
    // Compressing 2 MB to make the link takes seconds on a busy machine.
  }, 30_000);
});
