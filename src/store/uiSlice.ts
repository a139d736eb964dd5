import type { SliceCreator } from './types';
import { load, save } from './storage';

export type Theme = 'light' | 'dark';
export type DeviceChoice = 'cpu' | 'webgpu';

/** Whether the browser offers a WebGPU adapter (null: still asking). */
export interface WebgpuSupport {
  available: boolean | null;
  /** Why not, in words, when it is not. */
  reason: string;
  adapter: string;
}

/** The workspace's split: the editor's share of the width, the graph's share of the right column's height. */
export interface Panes {
  editor: number;
  graph: number;
}

export const DEFAULT_PANES: Panes = { editor: 0.4, graph: 0.7 };
/** Neither side of a split goes below this share (the panels' own minimum sizes apply too). */
const PANE_MIN = 0.2;

export function clampPane(v: number): number {
  return Math.min(1 - PANE_MIN, Math.max(PANE_MIN, v));
}

function initialPanes(): Panes {
  try {
    const saved = JSON.parse(load('panes') ?? 'null') as Partial<Panes> | null;
    const pick = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? clampPane(v) : fallback);
    return { editor: pick(saved?.editor, DEFAULT_PANES.editor), graph: pick(saved?.graph, DEFAULT_PANES.graph) };
  } catch {
    return DEFAULT_PANES;
  }
}

export interface UiSlice {
  /** The resizable panes' sizes (remembered). */
  panes: Panes;
  setPanes(panes: Partial<Panes>): void;
  theme: Theme;
  /** Draw the tensors each op saved for backward (make_dot's show_saved). */
  showSaved: boolean;
  /** Where the snippet's tensors go by default (the CPU / WebGPU switch). */
  device: DeviceChoice;
  webgpu: WebgpuSupport;
  setTheme(theme: Theme): void;
  setShowSaved(on: boolean): void;
  setDevice(device: DeviceChoice): void;
  setWebgpuSupport(support: WebgpuSupport): void;
}

function initialTheme(): Theme {
  const saved = load('theme');
  if (saved === 'light' || saved === 'dark') return saved;
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export const createUiSlice: SliceCreator<UiSlice> = (set, get) => ({
  panes: initialPanes(),
  setPanes: (change) => {
    const panes = { ...get().panes };
    if (change.editor !== undefined) panes.editor = clampPane(change.editor);
    if (change.graph !== undefined) panes.graph = clampPane(change.graph);
    save('panes', JSON.stringify(panes));
    set({ panes });
  },
  theme: initialTheme(),
  showSaved: load('showSaved') === 'true',
  setTheme: (theme) => {
    save('theme', theme);
    set({ theme });
  },
  setShowSaved: (showSaved) => {
    save('showSaved', String(showSaved));
    set({ showSaved });
  },
  device: load('device') === 'webgpu' ? 'webgpu' : 'cpu',
  webgpu: { available: null, reason: 'Checking for a WebGPU adapter…', adapter: '' },
  setDevice: (device) => {
    save('device', device);
    set({ device });
  },
  setWebgpuSupport: (webgpu) => set({ webgpu }),
});
