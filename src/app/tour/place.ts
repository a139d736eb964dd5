/**
 * Where the tour's card goes, data in, data out: beside its target (to its left, over the editor
 * column's empty lower part, with a caret pointing at the target), or inside the target's
 * bottom-right corner, or, when neither fits (narrow screens), at the bottom of the viewport.
 */
export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** `below-middle`: the card's top at the target's middle, so it stays clear of the code above. */
export type Anchor = { side: 'inside' } | { side: 'left'; align: 'center' | 'below-middle' };

export interface CardPlacement {
  left: number;
  top: number;
  side: 'inside' | 'left' | 'bottom';
  /** Where the caret meets the card's right edge (side 'left' only), from the card's top. */
  caretY?: number;
}

const GAP = 14;
const INSET = 16;
const MARGIN = 12;

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(v, hi));

export function placeCard(target: Box, card: { width: number; height: number }, viewport: { width: number; height: number }, anchor: Anchor): CardPlacement {
  const bottom = target.top + target.height;
  const maxTop = viewport.height - card.height - MARGIN;
  const onScreen = target.top < viewport.height - MARGIN && bottom > MARGIN;
  if (anchor.side === 'left' && onScreen && target.left - GAP - card.width >= MARGIN) {
    const wanted = anchor.align === 'below-middle' ? target.top + target.height / 2 - 18 : target.top + (target.height - card.height) / 2;
    const top = clamp(wanted, MARGIN, maxTop);
    const middle = clamp(target.top + target.height / 2, target.top + 12, bottom - 12);
    return { left: target.left - GAP - card.width, top, side: 'left', caretY: clamp(middle - top, 18, card.height - 18) };
  }
  // A target scrolled out of sight (a phone scrolls the graph into view) leaves the card at the bottom.
  if (anchor.side === 'inside' && onScreen && target.width >= card.width + 2 * INSET && target.height >= card.height + 2 * INSET) {
    const top = Math.min(bottom - card.height - INSET, maxTop);
    if (top >= target.top + INSET) return { left: target.left + target.width - card.width - INSET, top, side: 'inside' };
  }
  return { left: Math.max(MARGIN, (viewport.width - card.width) / 2), top: maxTop, side: 'bottom' };
}
