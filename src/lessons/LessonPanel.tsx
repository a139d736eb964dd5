/**
 * The lesson's place in the playground, beside the code editor: the lesson editor while it is
 * open, else the open lesson's player. The page loads this module (and the lessons with it) only
 * when a lesson or the editor is first opened.
 */
import { useStore } from '../store';
import { LessonEditor } from './editor/LessonEditor';
import { LessonView } from './LessonView';

export default function LessonPanel() {
  const editing = useStore((s) => s.lessonEditorOpen);
  const hasLesson = useStore((s) => s.lesson !== null);
  if (editing) return <LessonEditor />;
  return hasLesson ? <LessonView place="playground" /> : null;
}
