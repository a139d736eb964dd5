/**
 * A lesson embed (embed.html#lesson/...): the link's lesson, validated as any lesson file, played
 * with the embed's own snippet (in memory) and its options: `?step=k` places the stepper for the
 * steps that do not say where, `?autoplay=1` plays each step's backward. Loaded only for a lesson.
 */
import type { Link } from '../app/links';
import { configureLessonPlayer, openLesson } from '../lessons/lessonController';
import { loadLessonFromText, type LessonResult } from '../lessons/schema';
import type { EmbedOptions } from './options';
import type { Language } from '../store/language';

export function openEmbeddedLesson(link: Extract<Link, { kind: 'lesson' | 'invalid' }>, options: EmbedOptions, showSnippet: (source: string, language: Language) => void): LessonResult {
  const result = link.kind === 'lesson' ? loadLessonFromText(link.text) : { ok: false as const, errors: [link.reason] };
  if (!result.ok) return result;
  configureLessonPlayer({ showSnippet: (source, language) => showSnippet(source, language), defaultStep: options.step, autoplay: options.autoplay, lessonInUrl: false });
  openLesson(result.lesson, 'link');
  return result;
}
