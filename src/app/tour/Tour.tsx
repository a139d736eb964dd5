/**
 * The first-visit tour: three short tips, each beside the part of the playground it explains,
 * which a ring outlines. It is non-modal: only its card takes pointer events, so the editor, Run
 * and the graph stay usable while it shows. Focus moves into the card and returns where it was;
 * Escape, Skip and Done close it. `TourButton` (in the header) opens it again.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { isFirstVisit, useTour } from './tourState';
import { placeCard, type Anchor, type Box, type CardPlacement } from './place';
import './Tour.css';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

interface Tip {
  title: string;
  body: ReactNode;
  /** The element it explains, first match wins (the stepper shows only once a graph is drawn). */
  targets: string[];
  anchor: Anchor;
}

function Swatch({ kind }: { kind: 'leaf' | 'op' | 'output' }) {
  return <span className={`tour-swatch tour-swatch--${kind}`} aria-hidden="true" />;
}

const TIPS: Tip[] = [
  {
    title: 'Write PyTorch, in TypeScript',
    body: (
      <>
        Type PyTorch-style TypeScript here: it runs as you type, and <kbd>{isMac ? '⌘' : 'Ctrl'}</kbd>+<kbd>Enter</kbd> runs it at once.
      </>
    ),
    targets: ['.editor-panel'],
    anchor: { side: 'inside' },
  },
  {
    title: 'The graph, as make_dot draws it',
    body: (
      <>
        Drawn as torchviz&rsquo;s <code>make_dot</code> draws it: <Swatch kind="leaf" /> blue leaves, <Swatch kind="op" /> grey ops, <Swatch kind="output" /> a green output. Click a node to inspect it.
      </>
    ),
    targets: ['#graph-panel .panel-body', '#graph-panel'],
    anchor: { side: 'left', align: 'below-middle' },
  },
  {
    title: 'Watch the gradients flow',
    body: (
      <>
        After <code>backward()</code>, step through it here, node by node, and watch each gradient arrive.
      </>
    ),
    targets: ['[data-testid="stepper"]', '#graph-panel'],
    anchor: { side: 'left', align: 'center' },
  },
];

function findTarget(tip: Tip): HTMLElement | null {
  for (const selector of tip.targets) {
    const el = document.querySelector<HTMLElement>(selector);
    if (el && el.getClientRects().length > 0) return el;
  }
  return null;
}

const boxOf = (el: Element): Box => {
  const r = el.getBoundingClientRect();
  return { left: r.left, top: r.top, width: r.width, height: r.height };
};

/** Where the ring and the card are drawn: follows the target through resizes, scrolls and relayouts. */
function usePlacement(tip: Tip, card: RefObject<HTMLDivElement | null>) {
  const [state, setState] = useState<{ ring: Box | null; card: CardPlacement } | null>(null);
  const update = useCallback(() => {
    const el = card.current;
    if (!el) return;
    const target = findTarget(tip);
    const viewport = { width: window.innerWidth, height: window.innerHeight };
    const size = { width: el.offsetWidth, height: el.offsetHeight };
    const ring = target ? boxOf(target) : null;
    setState({ ring, card: placeCard(ring ?? { left: 0, top: viewport.height, width: 0, height: 0 }, size, viewport, tip.anchor) });
  }, [tip, card]);

  useLayoutEffect(() => {
    update();
    // Scrolls and resizes come many to a frame (a smooth scroll, a relayout): one placement a frame,
    // each of which reads the layout once.
    let frame = 0;
    const schedule = () => {
      if (frame === 0) frame = requestAnimationFrame(() => ((frame = 0), update()));
    };
    const observer = new ResizeObserver(schedule);
    if (card.current) observer.observe(card.current);
    const target = findTarget(tip);
    if (target) observer.observe(target);
    observer.observe(document.body);
    window.addEventListener('resize', schedule);
    window.addEventListener('scroll', schedule, { capture: true, passive: true });
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      window.removeEventListener('resize', schedule);
      window.removeEventListener('scroll', schedule, true);
    };
  }, [tip, card, update]);

  // On a narrow, scrolling page the target may be out of sight: bring it in.
  useEffect(() => {
    const target = findTarget(tip);
    if (!target) return;
    const r = target.getBoundingClientRect();
    if (r.bottom < 0 || r.top > window.innerHeight) target.scrollIntoView({ block: 'nearest' });
  }, [tip]);

  return state;
}

/** Escape from the editor, a form field or another dialog or menu belongs to them, not the tour. */
function escapeIsOurs(e: KeyboardEvent, card: HTMLElement | null): boolean {
  if (e.key !== 'Escape' || e.defaultPrevented) return false;
  const target = e.target instanceof Element ? e.target : null;
  if (!target || card?.contains(target)) return true;
  return !target.closest('[data-testid="editor"], input, textarea, select, dialog, [role="dialog"], [role="menu"]');
}

function TourCard() {
  const tipIndex = useTour((s) => s.tip);
  const go = useTour((s) => s.go);
  const close = useTour((s) => s.close);
  const card = useRef<HTMLDivElement>(null);
  const primary = useRef<HTMLButtonElement>(null);
  const tip = TIPS[tipIndex]!;
  const last = tipIndex === TIPS.length - 1;
  const placement = usePlacement(tip, card);

  // Focus comes into the card on opening and goes back where it was (the header's button) after.
  useEffect(() => {
    const before = document.activeElement;
    return () => {
      if (before instanceof HTMLElement && before !== document.body && before.isConnected) before.focus();
    };
  }, []);
  // Each tip's main button takes focus, so that Enter walks the tour; only once the card is
  // placed: while it is measured it is hidden, and a hidden button cannot take focus.
  const placed = placement !== null;
  useEffect(() => {
    if (placed) primary.current?.focus();
  }, [tipIndex, placed]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!escapeIsOurs(e, card.current)) return;
      e.preventDefault();
      close();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [close]);

  const titleId = 'tour-title';
  const bodyId = 'tour-body';
  return (
    <>
      {placement?.ring && (
        <div
          className="tour-ring"
          aria-hidden="true"
          style={{ translate: `${placement.ring.left - 3}px ${placement.ring.top - 3}px`, width: placement.ring.width + 6, height: placement.ring.height + 6 }}
        />
      )}
      <div
        ref={card}
        className={`tour-card tour-card--${placement?.card.side ?? 'measuring'}`}
        role="dialog"
        aria-modal="false"
        aria-label="Gradlab tour"
        aria-describedby={`${titleId} ${bodyId}`}
        data-testid="tour"
        data-tip={tipIndex + 1}
        style={placement ? { translate: `${placement.card.left}px ${placement.card.top}px` } : undefined}
      >
        {placement?.card.caretY !== undefined && <span className="tour-caret" aria-hidden="true" style={{ top: placement.card.caretY }} />}
        <div className="tour-head">
          <span className="tour-count" data-testid="tour-progress">
            Tip {tipIndex + 1} of {TIPS.length}
          </span>
          <span className="tour-dots" aria-hidden="true">
            {TIPS.map((_, i) => (
              <span key={i} className={`tour-dot${i === tipIndex ? ' is-current' : ''}`} />
            ))}
          </span>
        </div>
        <div aria-live="polite">
          <h2 className="tour-title" id={titleId}>
            {tip.title}
          </h2>
          <p className="tour-body" id={bodyId}>
            {tip.body}
          </p>
        </div>
        <div className="tour-actions">
          {!last && (
            <button type="button" className="tour-button tour-button--quiet" data-testid="tour-skip" onClick={close}>
              Skip
            </button>
          )}
          {tipIndex > 0 && (
            <button type="button" className="tour-button" data-testid="tour-back" onClick={() => go(tipIndex - 1)}>
              Back
            </button>
          )}
          {last ? (
            <button ref={primary} type="button" className="tour-button tour-button--primary" data-testid="tour-done" onClick={close}>
              Done
            </button>
          ) : (
            <button ref={primary} type="button" className="tour-button tour-button--primary" data-testid="tour-next" onClick={() => go(tipIndex + 1)}>
              Next
            </button>
          )}
        </div>
      </div>
    </>
  );
}

/** The tour, shown by itself on the first visit of the playground (never in the embed: it is not rendered there). */
export function Tour() {
  const open = useTour((s) => s.open);
  useEffect(() => {
    if (isFirstVisit()) useTour.getState().start();
  }, []);
  return open ? <TourCard /> : null;
}

/** The header's "?" button: the tour again, from its first tip. */
export function TourButton() {
  const open = useTour((s) => s.open);
  const start = useTour((s) => s.start);
  return (
    <button type="button" className="icon-button" onClick={start} aria-expanded={open} aria-label="Tour: three tips for the playground" title="Tour: three tips for the playground" data-testid="tour-open">
      <svg viewBox="0 0 16 16" width="15" height="15" aria-hidden="true">
        <circle cx="8" cy="8" r="6.6" fill="none" stroke="currentColor" strokeWidth="1.4" />
        <path d="M6.1 6.2a1.95 1.95 0 1 1 2.7 1.8c-.55.25-.8.6-.8 1.2v.4" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" />
        <circle cx="8" cy="11.6" r=".85" fill="currentColor" />
      </svg>
    </button>
  );
}
