import { describe, expect, it } from 'vitest';
import { lessonById } from './index';
import { answersText, lessonKey, loadProgress, saveProgress } from './progress';

const lesson = lessonById('understanding-autograd')!;
const asked = lesson.steps.flatMap((s, i) => (s.predict ? [i] : []));

describe('progress', () => {
  it('is known by the lesson\'s content: an edited lesson under the same id starts afresh', () => {
    expect(lessonKey(lesson)).toBe(lessonKey(structuredClone(lesson)));
    expect(lessonKey({ ...lesson, title: 'Changed' })).not.toBe(lessonKey(lesson));
    expect(lessonKey(lesson).startsWith(`${lesson.id}:`)).toBe(true);
  });

  it('keeps the step reached and the predictions (in memory where storage is refused)', () => {
    const other = { ...lesson, summary: 'another copy' };
    expect(loadProgress(other)).toBeNull();
    saveProgress(other, 3, { [asked[0]!]: { guess: '3', right: true } });
    saveProgress(other, 1, { [asked[0]!]: { guess: '3', right: true } });
    expect(loadProgress(other)).toMatchObject({ step: 1, reached: 3, predictions: { [asked[0]!]: { guess: '3', right: true } } });
  });
});

describe('answersText', () => {
  it('is a short text: the lesson, how far, and each prediction with whether it was right', () => {
    const text = answersText(lesson, { reached: 3, predictions: { [asked[0]!]: { guess: ' 3\n', right: true } } }, new Date('2026-03-02T10:00:00Z'));
    const lines = text.split('\n');
    expect(lines[0]).toBe(`Gradlab lesson “Understanding autograd” (understanding-autograd), 2026-03-02`);
    expect(lines[1]).toBe(`Reached step 4 of ${lesson.steps.length}; predictions: 1 right of ${asked.length}${asked.length > 1 ? ` (${asked.length - 1} not made)` : ''}.`);
    expect(lines[2]).toBe(`${asked[0]! + 1}. ${lesson.steps[asked[0]!]!.title}: 3 (right)`);
    expect(lines.length).toBe(2 + asked.length);
  });

  it('says a wrong prediction was wrong, without the expected answer (the text is the student\'s)', () => {
    const i = asked.at(-1)!;
    const text = answersText(lesson, { reached: i, predictions: { [i]: { guess: '42', right: false } } });
    expect(text.split('\n').at(-1)).toBe(`${i + 1}. ${lesson.steps[i]!.title}: 42 (wrong)`);
    expect(text).not.toContain(lesson.steps[i]!.predict!.answer);
  });
});
