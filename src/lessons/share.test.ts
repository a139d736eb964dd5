import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compressToEncodedURIComponent } from 'lz-string';
import { decodeLink, MAX_LINK_LESSON_CHARS } from '../app/links';
import { builtInLessons } from './index';
import { loadLessonFromText, type Lesson } from './schema';
import { hashForLesson, lessonFileText, lessonIdFromTitle, readLessonFile } from './share';

const lesson: Lesson = {
  id: 'chain-rule',
  title: 'The chain rule, $\\frac{dz}{dx}$',
  summary: 'Two steps.',
  steps: [
    { title: 'Forward', explanation: 'We compute $z = (x+2)^2$.', snippet: 'const x = torch.tensor(1.0, {requires_grad: true});\nconst z = x.add(2).pow(2);\nprint(z);', notice: 'z is 9.' },
    {
      title: 'Backward', explanation: 'Now **backward**.', language: 'typescript', snippet: 'const x = torch.tensor(1.0, {requires_grad: true});\nx.add(2).pow(2).backward();\nprint(x.grad);', notice: 'x.grad is 6.',
      stepper: { step: 2 }, predict: { prompt: 'What is $\\frac{dz}{dx}$ at $x=1$?', expression: 'x.grad', answer: 'tensor(6.)', explanation: '$2(x+2) = 6$.' },
    },
  ],
};

/** What opening a `#lesson/` hash gives: decoded within bounds, then validated as a file is. */
function open(hash: string) {
  const link = decodeLink(hash);
  return link.kind === 'lesson' ? loadLessonFromText(link.text) : link;
}

describe('#lesson/ links', () => {
  it('carry a whole lesson, every built-in one included', () => {
    expect(open(hashForLesson(lesson))).toEqual({ ok: true, lesson });
    for (const l of builtInLessons) expect(open(hashForLesson(l))).toEqual({ ok: true, lesson: l });
  });

  it('round-trip any text a lesson may hold', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }).filter((s) => s.trim() !== ''), (text) => {
        const l = { ...lesson, title: text, steps: [{ ...lesson.steps[0]!, explanation: text }] };
        expect(open(hashForLesson(l))).toEqual({ ok: true, lesson: l });
      }),
      { numRuns: 200 },
    );
  });

  it('are validated as a lesson file is, every problem by its path', () => {
    const broken = { ...lesson, id: 'Bad Id', steps: [{ ...lesson.steps[0]!, snippet: 42 }] };
    expect(open(`#lesson/${compressToEncodedURIComponent(JSON.stringify(broken))}`)).toEqual({
      ok: false,
      errors: ['id: expected lowercase letters, digits and dashes, got "Bad Id"', 'steps[0].snippet: expected a string or {"seed": "<id>"}, got number 42'],
    });
    expect(open(`#lesson/${compressToEncodedURIComponent('{"id": ')}`)).toMatchObject({ ok: false, errors: [expect.stringMatching(/^not valid JSON/)] });
  });

  it('refuse a link cut short, or one that expands past a lesson file\'s limit, before parsing', () => {
    const hash = hashForLesson(lesson);
    expect(decodeLink(hash.slice(0, hash.length - 10))).toEqual({ kind: 'invalid', lesson: true, reason: expect.stringContaining('its lesson could not be read') });
    const bomb = `#lesson/${compressToEncodedURIComponent('a'.repeat(MAX_LINK_LESSON_CHARS + 1))}`;
    expect(bomb.length).toBeLessThan(3000);
    expect(decodeLink(bomb)).toEqual({ kind: 'invalid', lesson: true, reason: "This link's lesson is larger than 204,800 characters, the most a link may carry." });
  });
});

describe('lesson files', () => {
  it('download as the JSON they are and open back to the same lesson, byte for byte on the next download', async () => {
    const text = lessonFileText(lesson);
    const opened = await readLessonFile(new Blob([text]));
    expect(opened).toEqual({ ok: true, lesson });
    expect(opened.ok && lessonFileText(opened.lesson)).toBe(text);
  });

  it('that are unfinished open as drafts only', async () => {
    const draft = { ...lesson, title: '' };
    expect((await readLessonFile(new Blob([lessonFileText(draft)]))).ok).toBe(false);
    expect(await readLessonFile(new Blob([lessonFileText(draft)]), { draft: true })).toEqual({ ok: true, lesson: draft });
  });

  it('are refused unread past four times the limit', async () => {
    expect(await readLessonFile(new Blob(['x'.repeat(900 * 1024)]))).toEqual({ ok: false, errors: ['the lesson file is 900 KB; the limit is 200 KB'] });
  });
});

describe('lessonIdFromTitle', () => {
  it('makes the file name the schema wants from any title', () => {
    expect(lessonIdFromTitle('The chain rule, one node at a time')).toBe('the-chain-rule-one-node-at-a-time');
    expect(lessonIdFromTitle('Dérivée d’une fonction')).toBe('derivee-d-une-fonction');
    expect(lessonIdFromTitle('∂∂∂')).toBe('my-lesson');
    expect(lessonIdFromTitle('x'.repeat(100))).toHaveLength(60);
  });
});
