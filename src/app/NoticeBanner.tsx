import { useStore } from '../store';
import { runNow } from './runController';
import './NoticeBanner.css';

/**
 * The banner above the workspace: why a link did not open, and, while a link's snippet is open,
 * the student's own draft one click away. Text only: a reason may quote nothing from the link.
 */
export function NoticeBanner() {
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
