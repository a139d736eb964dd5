/**
 * The built-in lessons: every file in ./data, validated as the app loads it. A file that does not
 * validate is a bug in the repo (lessons.test.ts checks them all); it is left out with a console
 * error rather than taking the gallery down.
 */
import { validateLesson, type Lesson } from './schema';

export * from './schema';

const files = import.meta.glob<unknown>('./data/*.json', { eager: true, import: 'default' });

/** The built-in lessons, in file-name order (the files are numbered). */
export const builtInLessons: Lesson[] = Object.keys(files)
  .sort()
  .flatMap((path) => {
    const result = validateLesson(files[path]);
    if (result.ok) return [result.lesson];
    console.error(`lesson ${path} is invalid:\n${result.errors.join('\n')}`);
    return [];
  });

export function lessonById(id: string): Lesson | undefined {
  return builtInLessons.find((l) => l.id === id);
}
