/**
 * Registers the offline service worker (tools/offline.ts) and, when a new deployment has been
 * downloaded, says so: the page keeps running the version it started with (every file from the
 * same precache) until the student chooses to reload. Never a half-updated page.
 */
import { useRegisterSW } from 'virtual:pwa-register/react';
import './NoticeBanner.css';

export function UpdateNotice() {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW();
  if (!needRefresh) return null;
  return (
    <div className="notice-banner" role="status" data-testid="update-notice">
      <span className="notice-text">A new version of Gradlab is ready. Your snippet is saved: reload to use the new version.</span>
      <button type="button" className="notice-action" data-testid="update-reload" onClick={() => void updateServiceWorker(true)}>
        Reload
      </button>
      <button type="button" className="notice-dismiss" aria-label="Later" title="Later" onClick={() => setNeedRefresh(false)}>
        ×
      </button>
    </div>
  );
}
