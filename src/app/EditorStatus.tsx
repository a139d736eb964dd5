/**
 * The editor's status line: what Tab does now and how to leave the editor (Tab indents there),
 * and the way to every keyboard shortcut.
 */
import { useState } from 'react';
import { ShortcutsDialog, TAB_FOCUS_KEYS } from './ShortcutsDialog';

export function EditorStatus({ tabMovesFocus }: { tabMovesFocus: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="editor-status" data-testid="editor-status">
      <span className="editor-status-text" aria-live="polite" title={tabMovesFocus ? `Tab moves focus out of the editor · ${TAB_FOCUS_KEYS} makes it indent again` : `Tab indents · Esc then Tab (or ${TAB_FOCUS_KEYS}) leaves the editor`}>
        {tabMovesFocus ? (
          <>
            <kbd>Tab</kbd> moves focus out of the editor · <kbd>{TAB_FOCUS_KEYS}</kbd> makes it indent again
          </>
        ) : (
          <>
            <kbd>Tab</kbd> indents · <kbd>Esc</kbd> then <kbd>Tab</kbd> (or <kbd>{TAB_FOCUS_KEYS}</kbd>) leaves the editor
          </>
        )}
      </span>
      <button type="button" className="editor-status-button" data-testid="shortcuts-open" onClick={() => setOpen(true)}>
        Shortcuts
      </button>
      <ShortcutsDialog open={open} onClose={() => setOpen(false)} />
    </div>
  );
}
