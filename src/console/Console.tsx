/**
 * The snippet's printed output, as text (never HTML): one element per print call (a tensor's
 * multi-line repr stays one line element, `white-space: pre`), errors with their place in the
 * student's source, runner notices muted.
 */
import { memo, useEffect, useRef } from 'react';
import type { ConsoleLine } from '../runner/protocol';
import type { RunStatus } from '../store';
import './Console.css';

export interface ConsoleProps {
  lines: ConsoleLine[];
  status: RunStatus;
  /** Exposed as data attributes: tests wait on them for a run to finish. */
  runId: number;
}

function where(line: ConsoleLine): string | null {
  if (line.line === undefined) return null;
  return line.col === undefined ? `line ${line.line}` : `line ${line.line}, col ${line.col}`;
}

/** Memoized: a batch of prints renders its own lines, not the thousands already shown. */
const Line = memo(function Line({ line }: { line: ConsoleLine }) {
  if (line.kind === 'error') {
    const place = where(line);
    return (
      <div className="console-line console-line--error" data-testid="console-error" role="alert">
        <span className="console-error-text">{line.text}</span>
        {place && <span className="console-error-where">{place}</span>}
      </div>
    );
  }
  if (line.kind === 'notice') {
    return (
      <div className="console-line console-line--notice" data-testid="console-notice">
        {line.text}
      </div>
    );
  }
  return (
    <div className="console-line" data-testid="console-line">
      {line.text}
    </div>
  );
});

export function Console({ lines, status, runId }: ConsoleProps) {
  const scroller = useRef<HTMLDivElement>(null);
  // Follow the output as it grows, unless the student scrolled up to read.
  const pinned = useRef(true);
  useEffect(() => {
    const el = scroller.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  }, [lines]);
  const onScroll = () => {
    const el = scroller.current;
    if (el) pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
  };
  return (
    <div className="console" data-testid="console" data-status={status} data-run-id={runId} ref={scroller} onScroll={onScroll} aria-live="polite" tabIndex={0} role="log" aria-label="Console output">
      {lines.map((line, i) => (
        <Line key={i} line={line} />
      ))}
      {lines.length === 0 && status !== 'running' && <p className="console-empty">Nothing printed. Use print(x) to see a value here.</p>}
    </div>
  );
}
