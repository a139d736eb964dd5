/**
 * The stepper under the graph: step, back, play/pause, speed, reset and a scrubber over the
 * selected backward trace (or the forward build replay), the trace picker, and the keyboard
 * (→ ← space, unless the editor or a form field has focus). Test hooks: DESIGN.md "Test hooks".
 */
import { useEffect } from 'react';
import type { BackwardTrace } from '../../engine/viz';
import { useStore } from '../store';
import type { StepperFrame } from './frames';
import { errorText } from './format';
import './Stepper.css';

const SPEEDS = [0.5, 1, 1.5, 3, 6, 12];

/** How long one step's gradients take to travel, at `speed` steps per second. */
export function stepDurationMs(speed: number, playing: boolean): number {
  return playing ? Math.min(650, 850 / speed) : 550;
}

/** Glyph-free icons: the ⏮-style characters are missing from many system fonts. */
const ICONS = {
  reset: 'M3 2h2v10H3zM12 2v10L6 7z',
  back: 'M10 2v10L4 7z',
  play: 'M4 2v10l8-5z',
  pause: 'M3.5 2h2.5v10H3.5zM8 2h2.5v10H8z',
  step: 'M4 2v10l6-5zM10.5 2h2v10h-2z',
} as const;

function Icon({ name }: { name: keyof typeof ICONS }) {
  return (
    <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
      <path d={ICONS[name]} fill="currentColor" />
    </svg>
  );
}

const className = (name: string) => name.replace(/^.*::/, '');

function caption(frame: StepperFrame, trace: BackwardTrace | null): string {
  if (frame.mode === 'build') {
    if (frame.k === 0) return 'Before the first line: no graph yet.';
    return frame.line !== undefined ? `Line ${frame.line} created it.` : 'Created outside the snippet’s lines.';
  }
  if (!trace) return 'This run called no backward(): Build replays how the code made the graph.';
  if (!frame.step) return `Before ${trace?.kind === 'grad' ? 'torch.autograd.grad' : 'backward()'}: step to run the first node.`;
  const s = frame.step;
  if (frame.failed !== undefined && trace.error) return `${className(s.name)} raised ${trace.error.type === 'Error' ? `an error: ${trace.error.message}` : errorText(trace.error)}`;
  const sums = s.arrivals.length > s.grads.filter(Boolean).length ? `, summing ${s.arrivals.length} incoming gradients` : '';
  if (s.accumulated) return `AccumulateGrad adds the gradient into the leaf’s .grad${sums}.`;
  const sent = s.sent.filter((e) => e.grad).length;
  return `${className(s.name)} ran${sums}: it sent ${sent} gradient${sent === 1 ? '' : 's'} on${s.sent.length > sent ? `, ${s.sent.length - sent} edge${s.sent.length - sent === 1 ? '' : 's'} to None` : ''}.`;
}

/** A backward's line in the picker: its steps, or where it failed. */
function traceSummary(t: BackwardTrace): string {
  const steps = `${t.steps.length} step${t.steps.length === 1 ? '' : 's'}`;
  if (!t.error) return steps;
  const at = t.error.node !== null ? t.steps.at(-1) : undefined;
  return `failed${at ? ` at ${className(at.name)}` : ''} (${steps})`;
}

function failedNote(t: BackwardTrace): string {
  const at = t.error?.node !== null ? t.steps.at(-1) : undefined;
  const type = t.error && t.error.type !== 'Error' ? t.error.type : 'an error';
  return at ? `this backward raised ${type} at ${className(at.name)} (step ${t.steps.length})` : `this backward raised ${type} before any node ran`;
}

export function Stepper({ frame, trace }: { frame: StepperFrame; trace: BackwardTrace | null }) {
  const traces = useStore((s) => s.traces);
  const traceCount = useStore((s) => s.traceCount);
  const traceIndex = useStore((s) => s.traceIndex);
  const mode = useStore((s) => s.stepperMode);
  const playing = useStore((s) => s.playing);
  const speed = useStore((s) => s.speed);
  const { setStep, setPlaying, setSpeed, selectTrace, setStepperMode } = useStore.getState();
  const { k, n } = frame;

  // Playing: one step per 1/speed seconds, stopping at the end.
  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      const s = useStore.getState();
      if (s.stepK >= n) s.setPlaying(false);
      else s.setStep(s.stepK + 1);
    }, 1000 / speed);
    return () => clearInterval(timer);
  }, [playing, speed, n]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const target = e.target instanceof Element ? e.target : null;
      if (target?.closest('[data-testid="editor"], input, select, textarea, [contenteditable="true"]')) return;
      const s = useStore.getState();
      if (e.key === 'ArrowRight') s.setStep(Math.min(n, s.stepK + 1));
      else if (e.key === 'ArrowLeft') s.setStep(Math.max(0, s.stepK - 1));
      else if (e.key === ' ' && !target?.closest('button')) s.setPlaying(!s.playing && s.stepK < n);
      else return;
      if (e.key !== ' ') s.setPlaying(false);
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [n]);

  const go = (to: number) => {
    setPlaying(false);
    setStep(Math.max(0, Math.min(n, to)));
  };
  const togglePlay = () => {
    if (playing) return setPlaying(false);
    if (k >= n) setStep(0);
    setPlaying(true);
  };
  const newestFirst = traces.map((t, i) => ({ t, i })).reverse();

  return (
    <div className="stepper" data-testid="stepper" data-mode={mode} aria-label="Backward stepper">
      <div className="stepper-row">
        <div className="stepper-modes" role="radiogroup" aria-label="What to replay">
          <button type="button" role="radio" aria-checked={mode === 'backward'} disabled={traces.length === 0} className="stepper-mode" data-testid="stepper-mode-backward" onClick={() => setStepperMode('backward')} title={traces.length === 0 ? 'The snippet ran no backward' : 'Step through backward, node by node'}>
            Backward
          </button>
          <button type="button" role="radio" aria-checked={mode === 'build'} className="stepper-mode" data-testid="stepper-mode-build" onClick={() => setStepperMode('build')} title="Replay the forward pass: the graph as the code built it">
            Build
          </button>
        </div>
        <div className="stepper-controls">
          <button type="button" className="stepper-button" data-testid="backward-reset" onClick={() => go(0)} disabled={k === 0 && !playing} title="Reset: the graph before backward" aria-label="Reset">
            <Icon name="reset" />
          </button>
          <button type="button" className="stepper-button" data-testid="backward-back" onClick={() => go(k - 1)} disabled={k === 0} title="Step back (←)" aria-label="Step back">
            <Icon name="back" />
          </button>
          <button type="button" className="stepper-button stepper-play" data-testid="backward-play" data-playing={playing} onClick={togglePlay} title="Play / pause (space)" aria-label={playing ? 'Pause' : 'Play'}>
            <Icon name={playing ? 'pause' : 'play'} />
          </button>
          <button type="button" className="stepper-button" data-testid="backward-step" onClick={() => go(k + 1)} disabled={k >= n} title="Step (→)" aria-label="Step">
            <Icon name="step" />
          </button>
        </div>
        <input className="stepper-scrubber" type="range" min={0} max={n} value={k} data-testid="backward-scrubber" aria-label="Step" onChange={(e) => go(Number(e.target.value))} />
        <span className="stepper-progress" data-testid="backward-progress">
          {k} / {n}
        </span>
        <label className="stepper-speed" title="Steps per second">
          <span className="stepper-label">speed</span>
          <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))} data-testid="backward-speed">
            {SPEEDS.map((v) => (
              <option key={v} value={v}>
                {v}×
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="stepper-row stepper-row-info">
        <span className={`stepper-caption${frame.failed !== undefined ? ' is-failed' : ''}`} data-testid="stepper-caption" title={frame.failed !== undefined ? caption(frame, trace) : undefined}>
          {caption(frame, trace)}
        </span>
        {mode === 'backward' && traces.length > 1 && (
          <label className="stepper-traces">
            <span className="stepper-label">call</span>
            <select value={traceIndex} onChange={(e) => selectTrace(Number(e.target.value))} data-testid="backward-trace">
              {newestFirst.map(({ t, i }) => (
                <option key={t.id} value={i} data-failed={t.error ? 'true' : undefined}>
                  {t.kind === 'grad' ? 'autograd.grad' : 'backward'} #{traceCount - (traces.length - 1 - i)} · {traceSummary(t)}
                  {i === traces.length - 1 ? ' (newest)' : ''}
                </option>
              ))}
            </select>
          </label>
        )}
        {mode === 'backward' && trace?.error && traces.length <= 1 && (
          <span className="stepper-failed" data-testid="backward-failed" title={errorText(trace.error)}>
            {failedNote(trace)}
          </span>
        )}
        {mode === 'backward' && traceCount > traces.length && (
          <span className="stepper-note" data-testid="backward-trace-note">
            showing the last {traces.length} of {traceCount} backward calls
          </span>
        )}
      </div>
    </div>
  );
}
