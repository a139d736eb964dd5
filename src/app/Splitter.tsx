/**
 * A draggable divider between two panes (mouse, touch or pen), also moved with the arrow keys. It
 * reports the first pane's share of the two panes' combined size; the caller stores and applies it.
 */
import { useRef } from 'react';

export interface SplitterProps {
  /** `vertical`: a divider between side-by-side panes (dragged left and right). */
  orientation: 'vertical' | 'horizontal';
  /** The first pane's share, 0..1. */
  value: number;
  onChange(value: number): void;
  /** The two panes, at drag time. */
  panes(): [HTMLElement | null, HTMLElement | null];
  label: string;
  className?: string;
  testId: string;
}

const KEY_STEP = 0.02;

export function Splitter({ orientation, value, onChange, panes, label, className, testId }: SplitterProps) {
  const dragging = useRef(false);
  const vertical = orientation === 'vertical';
  const shareAt = (e: React.PointerEvent) => {
    const [a, b] = panes();
    if (!a || !b) return null;
    const ra = a.getBoundingClientRect();
    const rb = b.getBoundingClientRect();
    const total = vertical ? ra.width + rb.width : ra.height + rb.height;
    if (total <= 0) return null;
    return ((vertical ? e.clientX - ra.left : e.clientY - ra.top) / total);
  };
  return (
    <div
      role="separator"
      aria-orientation={orientation}
      aria-label={label}
      aria-valuemin={20}
      aria-valuemax={80}
      aria-valuenow={Math.round(value * 100)}
      tabIndex={0}
      className={`splitter splitter--${orientation}${className ? ` ${className}` : ''}`}
      data-testid={testId}
      onPointerDown={(e) => {
        dragging.current = true;
        e.currentTarget.setPointerCapture(e.pointerId);
        e.preventDefault();
      }}
      onPointerMove={(e) => {
        if (!dragging.current) return;
        const share = shareAt(e);
        if (share !== null) onChange(share);
      }}
      onPointerUp={(e) => {
        dragging.current = false;
        e.currentTarget.releasePointerCapture(e.pointerId);
      }}
      onPointerCancel={() => {
        dragging.current = false;
      }}
      onKeyDown={(e) => {
        const less = vertical ? 'ArrowLeft' : 'ArrowUp';
        const more = vertical ? 'ArrowRight' : 'ArrowDown';
        if (e.key !== less && e.key !== more) return;
        e.preventDefault();
        onChange(value + (e.key === more ? KEY_STEP : -KEY_STEP));
      }}
    />
  );
}
