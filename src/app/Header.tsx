import { useState } from 'react';
import { useStore } from '../store';
import { runNow } from './runController';
import { ShareButton } from './ShareButton';
import { DeviceSwitch } from './DeviceSwitch';
import { EmbedDialog } from './EmbedDialog';
import { TourButton } from './tour/Tour';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const SHORTCUT = isMac ? '⌘↵' : 'Ctrl+↵';

function Toggle(props: { label: string; checked: boolean; onChange(on: boolean): void; title: string; testId: string }) {
  return (
    <label className="toggle" title={props.title}>
      <input type="checkbox" role="switch" checked={props.checked} onChange={(e) => props.onChange(e.target.checked)} data-testid={props.testId} />
      <span className="toggle-track" aria-hidden="true" />
      <span className="toggle-label">{props.label}</span>
    </label>
  );
}

function ThemeIcon({ theme }: { theme: 'light' | 'dark' }) {
  // The icon shows what a click switches to.
  return theme === 'light' ? (
    <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
      <path d="M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5z" fill="currentColor" />
    </svg>
  ) : (
    <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
      <circle cx="12" cy="12" r="4.5" fill="currentColor" />
      <g stroke="currentColor" strokeWidth="2" strokeLinecap="round">
        <path d="M12 2v2.5M12 19.5V22M2 12h2.5M19.5 12H22M4.9 4.9l1.8 1.8M17.3 17.3l1.8 1.8M4.9 19.1l1.8-1.8M17.3 6.7l1.8-1.8" />
      </g>
    </svg>
  );
}

export function Header() {
  const status = useStore((s) => s.status);
  const autoRun = useStore((s) => s.autoRun);
  const setAutoRun = useStore((s) => s.setAutoRun);
  const showSaved = useStore((s) => s.showSaved);
  const setShowSaved = useStore((s) => s.setShowSaved);
  const theme = useStore((s) => s.theme);
  const setTheme = useStore((s) => s.setTheme);
  const next = theme === 'light' ? 'dark' : 'light';
  const setGalleryOpen = useStore((s) => s.setGalleryOpen);
  const [embedOpen, setEmbedOpen] = useState(false);
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">∇</span>
        <span className="brand-name">Gradlab</span>
        <span className="brand-tag">see automatic differentiation</span>
      </div>
      <div className="run-group">
        <button type="button" className="run-button" data-testid="run" onClick={() => runNow()} title={`Run the snippet (${SHORTCUT})`}>
          <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
            <path d="M4 2.5v11l9-5.5z" fill="currentColor" />
          </svg>
          <span>Run</span>
          <kbd>{SHORTCUT}</kbd>
        </button>
        <span className={`run-status run-status--${status}`} aria-live="polite">
          {status === 'running' ? 'Running…' : ''}
        </span>
      </div>
      <div className="header-buttons">
        <ShareButton />
        <button type="button" className="header-button" data-testid="embed" onClick={() => setEmbedOpen(true)} title="Embed this snippet in a web page">
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
            <path d="M5.5 4.5L2 8l3.5 3.5M10.5 4.5L14 8l-3.5 3.5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          <span>Embed</span>
        </button>
        <button type="button" className="header-button" data-testid="lessons" onClick={() => setGalleryOpen(true)} title="Lessons: the seed articles' examples, step by step">
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
            <path d="M2 3.5h4.5A1.5 1.5 0 0 1 8 5v8a1.5 1.5 0 0 0-1.5-1.5H2zM14 3.5H9.5A1.5 1.5 0 0 0 8 5v8a1.5 1.5 0 0 1 1.5-1.5H14z" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinejoin="round" />
          </svg>
          <span>Lessons</span>
        </button>
        <EmbedDialog open={embedOpen} onClose={() => setEmbedOpen(false)} />
      </div>
      <div className="header-actions">
        <DeviceSwitch />
        <Toggle label="Auto-run" checked={autoRun} onChange={setAutoRun} title="Run as you type" testId="auto-run" />
        <Toggle label="Saved tensors" checked={showSaved} onChange={setShowSaved} title="Show the tensors each op saved for backward" testId="show-saved" />
        <TourButton />
        <button type="button" className="icon-button" onClick={() => setTheme(next)} title={`Switch to the ${next} theme`} aria-label={`Switch to the ${next} theme`} data-testid="theme-toggle">
          <ThemeIcon theme={theme} />
        </button>
      </div>
    </header>
  );
}
