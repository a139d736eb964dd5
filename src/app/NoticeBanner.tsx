import { useStore } from '../store';
import { runNow } from './runController';
import { downloadBlob } from './clipboard';
import './NoticeBanner.css';

/** Said at once when localStorage refuses the draft: where it is kept now, and a copy to take. */
function DraftWarning({ problem }: { problem: string }) {
  const dismiss = useStore((s) => s.dismissDraftWarning);
  const full = problem === 'QuotaExceededError';
  return (
    <div className="notice-banner notice-banner--warning" role="alert" data-testid="draft-warning">
      <span className="notice-text">
        Your draft could not be saved in this browser's storage for this site ({problem}
        {full ? ': it is full, perhaps filled by another app on the same site' : ''}). It is kept in this tab and in a backup store; download it to keep a
        copy.
      </span>
      <button
        type="button"
        className="notice-action"
        data-testid="draft-download"
        onClick={() => downloadBlob(new Blob([useStore.getState().source], { type: 'text/plain' }), 'gradlab-draft.ts')}
      >
        Download my draft
      </button>
      <button type="button" className="notice-dismiss" onClick={dismiss} aria-label="Dismiss" title="Dismiss">
        ×
      </button>
    </div>
  );
}

/**
 * The banner above the workspace: why a link did not open, and, while a link's snippet is open,
 * the student's own draft one click away. Text only: a reason may quote nothing from the link.
 */
export function NoticeBanner() {
  const draftWarning = useStore((s) => s.draftWarning);
  return (
    <>
      {draftWarning && <DraftWarning problem={draftWarning} />}
      <Notice />
    </>
  );
}

function Notice() {
  const notice = useStore((s) => s.notice);
  const restoreDraft = useStore((s) => s.restoreDraft);
  const keepAsDraft = useStore((s) => s.keepAsDraft);
  const dismiss = useStore((s) => s.dismissNotice);
  if (!notice) return null;
  return (
    <div className="notice-banner" role="status" data-testid="notice">
      <span className="notice-text">{notice.text}</span>
      {notice.offerDraft && (
        <>
          <button
            type="button"
            className="notice-action"
            data-testid="notice-restore"
            onClick={() => {
              restoreDraft();
              runNow();
            }}
          >
            Restore my draft
          </button>
          <button type="button" className="notice-action" data-testid="notice-keep" onClick={keepAsDraft}>
            Keep this snippet as my draft
          </button>
        </>
      )}
      <button type="button" className="notice-dismiss" data-testid="notice-dismiss" onClick={dismiss} aria-label="Dismiss" title="Dismiss">
        ×
      </button>
    </div>
  );
}
