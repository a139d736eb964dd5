import { describe, expect, it } from 'vitest';
import { seedArticles } from '../../engine/seeds/examples';
import { runSnippet, maskAddresses } from '../../engine/seeds/run_snippet';
import { builtInLessons, lessonById } from './index';
import { checkPrediction, lessonProblems, loadLessonFromText, MAX_LESSON_BYTES, seedById, seedLessonIn, snippetSource, stepLanguage, validateLesson, type Lesson } from './schema';

const steps = builtInLessons.flatMap((lesson) => lesson.steps.map((step, i) => ({ lesson, step, label: `${lesson.id} step ${i + 1}` })));

describe('the built-in lessons', () => {
  it('are the five seed articles, in order, with unique ids', () => {
    expect(builtInLessons.map((l) => l.id)).toEqual([
      'understanding-autograd', 'automatic-differentiation', 'pytorch-autograd', 'introspecting-backward', 'what-is-autograd',
    ]);
    expect(lessonById('pytorch-autograd')?.steps.length).toBe(6);
  });

  it('each validate', () => {
    for (const l of builtInLessons) expect(validateLesson(JSON.parse(JSON.stringify(l)))).toEqual({ ok: true, lesson: l });
  });

  it('cover every code example of the seed articles, in the articles\' order', () => {
    for (const [i, examples] of Object.values(seedArticles).entries()) {
      const seeds = builtInLessons[i]!.steps.flatMap((s) => (typeof s.snippet === 'string' ? [] : [s.snippet.seed]));
      expect(seeds).toEqual(examples.map((e) => e.id));
    }
  });

  it('each have a predict-then-reveal step, and every step a notice', () => {
    for (const l of builtInLessons) expect(l.steps.some((s) => s.predict)).toBe(true);
    for (const { step } of steps) expect(step.notice.length).toBeGreaterThan(20);
  });

  it('are text, not HTML', () => {
    for (const { step } of steps) {
      for (const text of [step.title, step.explanation, step.notice, step.predict?.prompt ?? '', step.predict?.explanation ?? '']) {
        expect(text).not.toMatch(/<\/?(a|b|i|p|br|div|span|script|img|em|strong|code|style|iframe)\b/i);
      }
    }
  });

  it.each(steps.map((s) => [s.label, s] as const))('%s runs in the engine as its seed says', (_label, { step }) => {
    const source = snippetSource(step.snippet);
    const run = runSnippet(source);
    const seed = typeof step.snippet === 'string' ? undefined : seedById(step.snippet.seed);
    if (seed?.error) expect(run.error?.message).toContain(seed.error);
    else expect(run.error).toBeNull();
    if (seed) expect(maskAddresses(run.stdout)).toBe(maskAddresses(seed.expected));
    // The stepper can only open on a backward the snippet runs.
    if (step.stepper) expect(source).toMatch(/\.backward\(/);
  });

  const predicts = steps.filter((s) => s.step.predict);
  it.each(predicts.map((s) => [s.label, s] as const))('%s: the predict answer is what the snippet prints', (_label, { step }) => {
    const predict = step.predict!;
    const source = snippetSource(step.snippet);
    // Node addresses differ from run to run: compare with them masked.
    const before = maskAddresses(runSnippet(source).stdout);
    const run = runSnippet(`${source}\nprint(${predict.expression});`);
    expect(run.error).toBeNull();
    const after = maskAddresses(run.stdout);
    expect(after.startsWith(before)).toBe(true);
    expect(after.slice(before.length)).toBe(`${predict.answer}\n`);
    expect(checkPrediction(predict, predict.answer)).toBe(true);
  });
});

const good: Lesson = {
  id: 'my-lesson',
  title: 'Mine',
  summary: 'A lesson of my own.',
  steps: [
    { title: 'One', explanation: 'Text.', snippet: 'const x = torch.ones(2);\nprint(x);', notice: 'Look at x.' },
    {
      title: 'Two', explanation: 'More.', snippet: { seed: '000-4' }, notice: 'x.grad.', stepper: { trace: 0, step: 3 },
      predict: { prompt: 'x.grad?', expression: 'x.grad', answer: 'tensor(4.5)', tolerance: 0.01, explanation: 'Because.' },
    },
  ],
};

describe('validateLesson', () => {
  it('accepts a teacher\'s lesson with inline and seed snippets', () => {
    expect(validateLesson(good)).toEqual({ ok: true, lesson: good });
  });

  const bad = (patch: (l: Record<string, any>) => void): string[] => {
    const l = structuredClone(good) as Record<string, any>;
    patch(l);
    const r = validateLesson(l);
    return r.ok ? [] : r.errors;
  };

  it('names the path of every problem', () => {
    expect(bad((l) => { l.steps[1].snippet = 42; })).toEqual(['steps[1].snippet: expected a string or {"seed": "<id>"}, got number 42']);
    expect(bad((l) => { l.steps[0].snippet = ''; })).toEqual(['steps[0].snippet: must not be empty']);
    expect(bad((l) => { l.steps[1].snippet = { seed: '000-99' }; })).toEqual(['steps[1].snippet.seed: unknown seed "000-99" (known: 000-1 … 004-6)']);
    expect(bad((l) => { l.steps[1].snippet = { seed: 7 }; })).toEqual(['steps[1].snippet.seed: expected a string, got number 7']);
    expect(bad((l) => { delete l.title; l.id = 'Has Spaces'; })).toEqual(['title: missing', 'id: expected lowercase letters, digits and dashes, got "Has Spaces"']);
    expect(bad((l) => { l.steps[0].notise = 'typo'; delete l.steps[0].notice; })).toEqual([
      'steps[0].notice: missing',
      'steps[0].notise: unknown field (expected one of title, explanation, snippet, notice, language, stepper, predict)',
    ]);
    expect(bad((l) => { l.steps[1].stepper.trace = -1; l.steps[1].stepper.step = 1.5; })).toEqual([
      'steps[1].stepper.trace: expected a whole number ≥ 0, got number -1',
      'steps[1].stepper.step: expected a whole number ≥ 0, got number 1.5',
    ]);
    expect(bad((l) => { l.steps[1].predict.tolerance = '0.1'; delete l.steps[1].predict.answer; })).toEqual([
      'steps[1].predict.answer: missing',
      'steps[1].predict.tolerance: expected a number ≥ 0, got the string "0.1"',
    ]);
    expect(bad((l) => { l.steps = []; })).toEqual(['steps: a lesson needs at least one step']);
    expect(bad((l) => { l.steps = {}; })).toEqual(['steps: expected an array of steps, got an object']);
    expect(bad((l) => { l.steps[0] = null; })).toEqual(['steps[0]: expected an object, got null']);
    expect(bad((l) => { l.summary = ['a']; })).toEqual(['summary: expected a string, got an array']);
  });

  it('takes the optional language and stepper view, and checks them', () => {
    const l = structuredClone(good);
    l.steps[0]!.language = 'python';
    l.steps[1]!.language = 'typescript';
    l.steps[1]!.stepper = { trace: 0, step: 2, mode: 'build' };
    expect(validateLesson(l)).toEqual({ ok: true, lesson: l });
    expect(bad((x) => { x.steps[0].language = 'ruby'; })).toEqual(['steps[0].language: expected "typescript" or "python", got the string "ruby"']);
    expect(bad((x) => { x.steps[1].stepper.mode = 'forward'; })).toEqual(['steps[1].stepper.mode: expected "backward" or "build", got the string "forward"']);
  });

  it('lets a draft be unfinished, but not of the wrong shape', () => {
    const draft = { id: '', title: '', summary: '', steps: [{ title: '', explanation: '', snippet: '', notice: '', predict: { prompt: '', expression: '', answer: '', explanation: '' } }] };
    expect(validateLesson(draft, { draft: true })).toEqual({ ok: true, lesson: draft });
    expect(validateLesson({ ...draft, steps: [] }, { draft: true }).ok).toBe(true);
    // The same draft as a lesson: every unfinished field, by path.
    expect(lessonProblems(draft).map((p) => p.path)).toEqual([
      'id', 'title', 'summary', 'steps[0].title', 'steps[0].explanation', 'steps[0].notice', 'steps[0].snippet',
      'steps[0].predict.prompt', 'steps[0].predict.expression', 'steps[0].predict.answer', 'steps[0].predict.explanation',
    ]);
    expect(lessonProblems({ ...draft, steps: [{ ...draft.steps[0], title: 3 }] }, { draft: true })).toEqual([{ path: 'steps[0].title', message: 'expected a string, got number 3' }]);
    expect(lessonProblems({ ...draft, extra: 1 }, { draft: true })).toEqual([{ path: 'extra', message: 'unknown field (expected one of id, title, summary, steps, source)' }]);
  });

  it('rejects what is not a lesson at all', () => {
    expect(validateLesson([])).toEqual({ ok: false, errors: ['expected an object, got an array'] });
    expect(validateLesson('lesson')).toEqual({ ok: false, errors: ['expected an object, got the string "lesson"'] });
  });
});

describe('loadLessonFromText', () => {
  it('parses and validates a lesson file (a BOM is fine)', () => {
    expect(loadLessonFromText(`\uFEFF${JSON.stringify(good)}`)).toEqual({ ok: true, lesson: good });
  });

  it('says what is wrong with a file that is not JSON', () => {
    const r = loadLessonFromText('{"id": "x",');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]).toMatch(/^not valid JSON: /);
  });

  it('refuses files over 200 KB before parsing them', () => {
    const big = JSON.stringify({ ...good, summary: 'x'.repeat(MAX_LESSON_BYTES) });
    expect(loadLessonFromText(big)).toEqual({ ok: false, errors: ['the lesson file is 201 KB; the limit is 200 KB'] });
  });
});

describe('checkPrediction', () => {
  const grad = { answer: 'tensor([[4.5000, 4.5000],\n        [4.5000, 4.5000]])' };
  it('accepts the number a tensor is full of, within the tolerance', () => {
    expect(checkPrediction(grad, '4.5')).toBe(true);
    expect(checkPrediction(grad, ' 4.5000 ')).toBe(true);
    expect(checkPrediction(grad, '4.4')).toBe(false);
    expect(checkPrediction({ answer: 'tensor([1.8873], requires_grad=True)', tolerance: 0.15 }, '2')).toBe(true);
    expect(checkPrediction({ answer: 'tensor([1.8873], requires_grad=True)' }, '2')).toBe(false);
  });

  it('compares every value when several are typed', () => {
    expect(checkPrediction({ answer: 'tensor([5., 1., 7.])' }, '[5, 1, 7]')).toBe(true);
    expect(checkPrediction({ answer: 'tensor([5., 1., 7.])' }, '5 1')).toBe(false);
    expect(checkPrediction({ answer: 'tensor([ 1.0000e+00, -2.5000e-01])' }, '1, -0.25')).toBe(true);
  });

  it('compares text answers without case or spaces, ignoring digits in names', () => {
    expect(checkPrediction({ answer: 'False' }, 'false')).toBe(true);
    expect(checkPrediction({ answer: 'False' }, 'True')).toBe(false);
    expect(checkPrediction({ answer: 'MseLossBackward0' }, 'mselossbackward0')).toBe(true);
    expect(checkPrediction({ answer: 'False' }, '  ')).toBe(false);
  });
});

describe('seedLessonIn', () => {
  it('shows a lesson of seed examples in Python, and leaves any other lesson as it is', () => {
    const seeds = lessonById('pytorch-autograd')!;
    expect(seeds.steps.every((s) => typeof s.snippet !== 'string')).toBe(true);
    const py = seedLessonIn(seeds, 'python');
    expect(py.steps.map((s) => stepLanguage(s))).toEqual(seeds.steps.map(() => 'python'));
    expect(seedLessonIn(seeds, 'typescript')).toBe(seeds);
    const typed = { ...seeds, steps: [...seeds.steps, { ...seeds.steps[0]!, snippet: 'print(1);' }] };
    expect(seedLessonIn(typed, 'python')).toBe(typed);
  });
});

describe('snippetSource', () => {
  it('resolves seed references and passes inline text through', () => {
    expect(snippetSource({ seed: '000-1' })).toBe(seedById('000-1')!.source);
    expect(snippetSource({ seed: '000-1' }, 'python')).toBe(seedById('000-1')!.python);
    expect(snippetSource('x = 1', 'python')).toBe('x = 1');
    expect(snippetSource('print(1);')).toBe('print(1);');
    expect(() => snippetSource({ seed: 'nope' })).toThrow('unknown seed "nope"');
  });
});
