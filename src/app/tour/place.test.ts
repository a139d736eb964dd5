import { describe, expect, it } from 'vitest';
import { placeCard } from './place';

const viewport = { width: 412, height: 823 };
const card = { width: 330, height: 175 };

describe('placeCard', () => {
  it('puts the card inside a large target on screen, at its bottom-right corner', () => {
    expect(placeCard({ left: 0, top: 100, width: 412, height: 600 }, card, viewport, { side: 'inside' })).toEqual({ left: 66, top: 509, side: 'inside' });
  });

  it('keeps the card at the bottom of the viewport when the target has scrolled out of sight', () => {
    // A phone scrolled the graph into view after the first run: the editor is above the viewport.
    const placed = placeCard({ left: 0, top: -589, width: 412, height: 560 }, card, viewport, { side: 'inside' });
    expect(placed.side).toBe('bottom');
    expect(placed.top).toBeGreaterThanOrEqual(0);
    expect(placed.top + card.height).toBeLessThanOrEqual(viewport.height);
  });
});
