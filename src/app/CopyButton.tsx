/** A Copy button and its status: copied, or refused (the text stays on screen, selected on focus, to copy by hand). */
import { useState } from 'react';
import { copyText } from './clipboard';

export function CopyButton({ text, testId, label = 'Copy', primary = false }: { text: string; testId: string; label?: string; primary?: boolean }) {
  const [copied, setCopied] = useState<{ text: string; ok: boolean } | null>(null);
  // A status is about the text that was copied: a changed text starts afresh.
  const status = copied?.text === text ? copied.ok : null;
  return (
    <div className="gl-dialog-actions">
      <button type="button" className={`gl-button${primary ? ' gl-button--primary' : ''}`} data-testid={testId} onClick={async () => setCopied({ text, ok: await copyText(text) })}>
        {label}
      </button>
      <span className="gl-dialog-status" role="status">
        {status === true ? 'Copied' : status === false ? 'Copying was refused: select the text and press Ctrl+C.' : ''}
      </span>
    </div>
  );
}
