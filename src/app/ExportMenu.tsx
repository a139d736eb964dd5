/**
 * The graph panel's Export menu: the drawn graph as Graphviz DOT (torchviz's make_dot text), SVG
 * and PNG downloads, and "Open in PyTorch" (the snippet as a Python program, in a dialog).
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import { graphToDot, svgToPngBlob, svgToString } from '../export/graph';
import type { GraphView } from '../runner/protocol';
import { useStore } from '../store';
import { downloadBlob } from './clipboard';
import { PythonDialog } from './PythonDialog';

type Item = { id: string; label: string; hint: string; needsGraph: boolean; run(): void | Promise<void> };

export function ExportMenu({ graph, panel }: { graph: GraphView | null; panel: RefObject<HTMLElement | null> }) {
  const [open, setOpen] = useState(false);
  const [python, setPython] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const theme = useStore((s) => s.theme);
  const hasGraph = !!graph && graph.model.nodes.length > 0;

  useEffect(() => {
    if (!open) return;
    wrapper.current?.querySelector<HTMLButtonElement>('[role="menuitem"]:not(:disabled)')?.focus();
    const onDown = (e: PointerEvent) => {
      if (!wrapper.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('pointerdown', onDown);
    return () => window.removeEventListener('pointerdown', onDown);
  }, [open]);

  const drawnSvg = (): SVGSVGElement => {
    const svg = panel.current?.querySelector<SVGSVGElement>('svg[data-testid="graph"]');
    if (!svg) throw new Error('no graph on screen');
    return svg;
  };
  const items: Item[] = [
    { id: 'export-dot', label: 'Graphviz DOT', hint: '.dot, as torchviz writes it', needsGraph: true, run: () => downloadBlob(new Blob([graphToDot(graph!)], { type: 'text/vnd.graphviz' }), 'gradlab-graph.dot') },
    { id: 'export-svg', label: 'SVG', hint: 'vector image', needsGraph: true, run: () => downloadBlob(new Blob([svgToString(drawnSvg(), theme)], { type: 'image/svg+xml' }), 'gradlab-graph.svg') },
    { id: 'export-png', label: 'PNG', hint: 'image, 2× scale', needsGraph: true, run: async () => downloadBlob(await svgToPngBlob(drawnSvg(), 2, theme), 'gradlab-graph.png') },
    { id: 'open-pytorch', label: 'Open in PyTorch', hint: 'the snippet as Python', needsGraph: false, run: () => setPython(true) },
  ];

  const choose = async (item: Item) => {
    setOpen(false);
    setError(null);
    try {
      await item.run();
    } catch (e) {
      setError(`Export failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  // Arrow keys move between the items, as in any menu; Escape closes it and returns focus.
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape' && open) {
      e.stopPropagation();
      setOpen(false);
      wrapper.current?.querySelector<HTMLButtonElement>('.export-trigger')?.focus();
      return;
    }
    if (!open || (e.key !== 'ArrowDown' && e.key !== 'ArrowUp')) return;
    e.preventDefault();
    const buttons = [...(wrapper.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not(:disabled)') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    buttons[(at + (e.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length]?.focus();
  };

  return (
    <div className="popover-anchor export-menu" ref={wrapper} onKeyDown={onKeyDown}>
      <button type="button" className="toolbar-button export-trigger" data-testid="export" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)} title="Export the graph or the snippet">
        Export
        <svg viewBox="0 0 10 10" width="9" height="9" aria-hidden="true">
          <path d="M1.5 3.5L5 7l3.5-3.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
        </svg>
      </button>
      {open && (
        <div className="popover popover--menu" role="menu" aria-label="Export">
          {items.map((item) => (
            <button key={item.id} type="button" role="menuitem" className="menu-item" data-testid={item.id} disabled={item.needsGraph && !hasGraph} onClick={() => void choose(item)}>
              <span>{item.label}</span>
              <span className="menu-item-hint">{item.hint}</span>
            </button>
          ))}
        </div>
      )}
      {error && (
        <span className="toolbar-error" role="alert">
          {error}
        </span>
      )}
      <PythonDialog open={python} onClose={() => setPython(false)} />
    </div>
  );
}
