/**
 * "Share lesson": the whole lesson in a link (`/#lesson/…`) and in an embed's `<iframe>` code
 * (`embed.html#lesson/…`), nothing uploaded; and its file. A lesson too long for a link says so and
 * offers the file, which students open with "Open lesson file…" in the Lessons gallery.
 */
import { useState } from 'react';
import { downloadBlob } from '../app/clipboard';
import { CopyButton } from '../app/CopyButton';
import { Dialog } from '../app/Dialog';
import { embedSearch, iframeCode } from '../app/EmbedDialog';
import { useStore } from '../store';
import type { Lesson } from './schema';
import { lessonFileName, lessonFileText, lessonUrl, MAX_LESSON_URL_CHARS } from './share';

export function downloadLesson(lesson: Lesson): void {
  downloadBlob(new Blob([lessonFileText(lesson)], { type: 'application/json' }), lessonFileName(lesson));
}

function CopyField(props: { label: string; value: string; testId: string; rows?: number }) {
  return (
    <div className="lesson-share-field">
      <label className="lesson-share-label" htmlFor={props.testId}>
        {props.label}
      </label>
      {props.rows ? (
        <textarea id={props.testId} className="gl-dialog-code" readOnly rows={props.rows} value={props.value} data-testid={props.testId} onFocus={(e) => e.target.select()} />
      ) : (
        <input id={props.testId} className="popover-input" readOnly value={props.value} data-testid={props.testId} onFocus={(e) => e.target.select()} />
      )}
      <CopyButton text={props.value} testId={`${props.testId}-copy`} />
    </div>
  );
}

export function LessonShareDialog({ lesson, onClose }: { lesson: Lesson; onClose(): void }) {
  const theme = useStore((s) => s.theme);
  const [showCode, setShowCode] = useState(true);
  const link = lessonUrl(lesson);
  const embed = lessonUrl(lesson, 'embed', embedSearch({ editor: showCode, readonly: false, autoplay: false, theme }));
  const fits = embed.length <= MAX_LESSON_URL_CHARS;
  return (
    <Dialog open title={`Share “${lesson.title}”`} onClose={onClose} testId="lesson-share-dialog">
      {fits ? (
        <>
          <p>The whole lesson travels in the link: nothing is uploaded. Students who open it see the lesson; their answers stay in their browser.</p>
          <CopyField label="Link to this lesson" value={link} testId="lesson-share-link" />
          <label className="embed-option">
            <input type="checkbox" checked={showCode} onChange={(e) => setShowCode(e.target.checked)} data-testid="lesson-embed-editor" />
            Show the code in the embed
          </label>
          <CopyField label="Embed it in a course page (iframe code)" value={iframeCode(embed, 760, `Gradlab lesson: ${lesson.title}`)} testId="lesson-embed-code" rows={4} />
        </>
      ) : (
        <p className="lesson-share-too-long" role="status" data-testid="lesson-share-too-long">
          This lesson is too long for a link: it would be {embed.length.toLocaleString('en-US')} characters, and links over{' '}
          {MAX_LESSON_URL_CHARS.toLocaleString('en-US')} are cut short by chat apps and course platforms. Share its file instead: students open it with
          Lessons → “Open your own lesson file…”.
        </p>
      )}
      <div className="gl-dialog-actions">
        <button type="button" className="gl-button gl-button--primary" data-testid="lesson-share-download" onClick={() => downloadLesson(lesson)}>
          Download {lessonFileName(lesson)}
        </button>
      </div>
    </Dialog>
  );
}
