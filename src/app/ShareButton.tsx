/**
 * "Share": copies a `#code/` link to the current snippet (lz-string in the hash, nothing sent to a
 * server) and shows it in a small popover, selected, so it can be copied by hand where the
 * Clipboard API is missing or refused.
 */
import { useEffect, useRef, useState } from 'react';
import { useStore } from '../store';
import { copyText } from './clipboard';
import { hashForCode } from './links';
import type { Language } from '../store/language';

/** The playground's own address (no query: a lesson is not part of a snippet link) with the snippet. */
export function shareUrl(source: string, language: Language = 'typescript'): string {
  return `${location.origin}${location.pathname}${hashForCode(source, language)}`;
}

export function ShareButton() {
  const [shown, setShown] = useState<{ url: string; copied: boolean } | null>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!shown) return;
    input.current?.select();
    const onDown = (e: PointerEvent) => {
      if (!wrapper.current?.contains(e.target as Node)) setShown(null);
    };
    window.addEventListener('pointerdown', onDown);
    return () => window.removeEventListener('pointerdown', onDown);
  }, [shown]);

  const share = async () => {
    const { source, language } = useStore.getState();
    const url = shareUrl(source, language);
    setShown({ url, copied: await copyText(url) });
  };

  return (
    <div
      className="popover-anchor"
      ref={wrapper}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && shown) {
          setShown(null);
          wrapper.current?.querySelector('button')?.focus();
        }
      }}
    >
      <button type="button" className="header-button" data-testid="share" onClick={share} aria-expanded={!!shown} title="Copy a link to this snippet">
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
          <path d="M6.5 9.5l3-3M7 4.5l1.3-1.3a2.5 2.5 0 0 1 3.5 3.5L10.5 8M9 11.5l-1.3 1.3a2.5 2.5 0 0 1-3.5-3.5L5.5 8" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
        </svg>
        <span>Share</span>
      </button>
      {shown && (
        <div className="popover" role="dialog" aria-label="Share link" data-testid="share-popover">
          <p className="popover-title" role="status" data-testid="share-status">
            {shown.copied ? 'Link copied' : 'Copy this link (Ctrl+C)'}
          </p>
          <input ref={input} className="popover-input" readOnly value={shown.url} aria-label="Link to this snippet" data-testid="share-link" onFocus={(e) => e.target.select()} />
          <p className="popover-note">The snippet travels in the link itself; nothing is uploaded.</p>
        </div>
      )}
    </div>
  );
}
