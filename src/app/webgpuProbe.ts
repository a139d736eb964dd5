/** Asks the browser once whether it would hand out a WebGPU adapter (the worker asks the same). */
import type { WebgpuSupport } from '../store/uiSlice';

let probe: Promise<WebgpuSupport> | null = null;

export function probeWebgpu(): Promise<WebgpuSupport> {
  probe ??= (async (): Promise<WebgpuSupport> => {
    const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;
    if (!gpu) return { available: false, reason: 'this browser does not offer WebGPU', adapter: '' };
    try {
      const adapter = await gpu.requestAdapter();
      if (!adapter) return { available: false, reason: 'the browser found no WebGPU adapter', adapter: '' };
      const info = adapter.info;
      return { available: true, reason: '', adapter: [info.vendor, info.architecture].filter(Boolean).join(' ') || 'WebGPU adapter' };
    } catch (e) {
      return { available: false, reason: e instanceof Error ? e.message : String(e), adapter: '' };
    }
  })();
  return probe;
}
