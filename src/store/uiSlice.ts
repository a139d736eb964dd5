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

export interface UiSlice {
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

export const createUiSlice: SliceCreator<UiSlice> = (set) => ({
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
