/**
 * The keyboard shortcuts, in one dialog (the editor's status line opens it): the editor keeps Tab
 * for indenting, so how to leave it is said here too.
 */
import type { ReactNode } from 'react';
import { Dialog } from './Dialog';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl';
/** Monaco's "Tab moves focus" toggle, as its keybinding has it. */
export const TAB_FOCUS_KEYS = isMac ? 'Ctrl+Shift+M' : 'Ctrl+M';

/** `Ctrl+Enter` as keys joined by +. */
function Keys({ combo }: { combo: string }) {
  return (
    <>
      {combo.split('+').map((key, i) => (
        <span key={i}>
          {i > 0 && '+'}
          <kbd>{key || '+'}</kbd>
        </span>
      ))}
    </>
  );
}

const GROUPS: { title: string; items: { keys: ReactNode; what: string }[] }[] = [
  {
    title: 'Editor',
    items: [
      { keys: <Keys combo={`${MOD}+Enter`} />, what: 'Run the snippet (from anywhere on the page)' },
      { keys: <><Keys combo="Tab" /> / <Keys combo="Shift+Tab" /></>, what: 'Indent / outdent' },
      { keys: <><Keys combo="Esc" /> then <Keys combo="Tab" /></>, what: 'Leave the editor for the next control' },
      { keys: <Keys combo={TAB_FOCUS_KEYS} />, what: 'Switch Tab between indenting and moving focus' },
      { keys: <Keys combo="Ctrl+Space" />, what: 'Suggestions from the engine’s API' },
    ],
  },
  {
    title: 'Graph and stepper (outside the editor)',
    items: [
      { keys: <><Keys combo="→" /> / <Keys combo="←" /></>, what: 'Step backward one node / step back' },
      { keys: <Keys combo="Space" />, what: 'Play / pause' },
      { keys: <Keys combo="Enter" />, what: 'Inspect the focused graph node' },
      { keys: <>the <b>+</b> <b>−</b> <b>fit</b> buttons</>, what: 'Zoom (the wheel, a pinch and a drag zoom and pan too)' },
      { keys: <><Keys combo="←" /> <Keys combo="→" /> <Keys combo="↑" /> <Keys combo="↓" /></>, what: 'Resize the panes, on a focused divider' },
    ],
  },
  {
    title: 'Anywhere',
    items: [{ keys: <Keys combo="Esc" />, what: 'Close a dialog, a menu or the tour' }],
  },
];

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  return (
    <Dialog open={open} title="Keyboard shortcuts" onClose={onClose} testId="shortcuts-dialog">
      {GROUPS.map((group) => (
        <section key={group.title} className="shortcuts-group">
          <h3 className="shortcuts-title">{group.title}</h3>
          <dl className="shortcuts-list">
            {group.items.map((item) => (
              <div key={item.what} className="shortcuts-row">
                <dt>{item.keys}</dt>
                <dd>{item.what}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </Dialog>
  );
}
