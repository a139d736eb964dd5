/**
 * A whole lesson in a link: `#lesson/<lz-string compressToEncodedURIComponent(lesson JSON)>`, on
 * the playground (`/#lesson/…`) or the embed (`embed.html#lesson/…`). Decoding is src/app/links.ts
 * (bounded decompression); what it yields is validated here as any lesson file is. A lesson file
 * downloads as the JSON it is, and opens back to the same lesson.
 */
import { compressToEncodedURIComponent } from 'lz-string';
import { LESSON_PREFIX } from '../app/links';
import { loadLessonFromText, MAX_LESSON_BYTES, type Lesson, type LessonResult } from './schema';

/**
 * The longest lesson link offered (the whole URL). RFC 9110 asks every sender and recipient to
 * support URIs of at least 8,000 octets; chat apps and course platforms cut or refuse longer ones,
 * so a longer lesson is shared as its file.
 */
export const MAX_LESSON_URL_CHARS = 8000;

export function hashForLesson(lesson: Lesson): string {
  return LESSON_PREFIX + compressToEncodedURIComponent(JSON.stringify(lesson));
}

/** A page (the playground, or embed.html beside it) with the lesson in its hash. */
export function lessonUrl(lesson: Lesson, page: 'playground' | 'embed' = 'playground', search = ''): string {
  const url = new URL(page === 'playground' ? './' : 'embed.html', location.href);
  url.search = search;
  url.hash = hashForLesson(lesson);
  return url.href;
}

/** The file a lesson downloads as: its JSON, two-space indented, as the built-in files are written. */
export function lessonFileText(lesson: Lesson): string {
  return `${JSON.stringify(lesson, null, 2)}\n`;
}

/** A lesson's id (its file name) from its title: lowercase letters, digits and dashes, as the schema wants. */
export function lessonIdFromTitle(title: string): string {
  const id = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return id || 'my-lesson';
}

export function lessonFileName(lesson: Pick<Lesson, 'id'>): string {
  return `${lesson.id || 'lesson'}.json`;
}

/** A lesson file the teacher or student picked, read and validated (as a lesson, or as an editor's draft). */
export async function readLessonFile(file: Blob, { draft = false } = {}): Promise<LessonResult> {
  // Refused before reading: a huge file is no lesson, and reading it would only stall the page.
  if (file.size > MAX_LESSON_BYTES * 4) return { ok: false, errors: [`the lesson file is ${Math.ceil(file.size / 1024)} KB; the limit is ${MAX_LESSON_BYTES / 1024} KB`] };
  return loadLessonFromText(await file.text(), { draft });
}
