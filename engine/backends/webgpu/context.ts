/**
 * The WebGPU device: found once with `await torch.webgpu.init()` (WebGPU hands out adapters and
 * devices only asynchronously), then used synchronously by every op. Nothing here runs at import:
 * the engine loads unchanged in Node, where there is no `navigator.gpu`.
 */
import { RuntimeError } from '../../errors';

let device: GPUDevice | null = null;
let initializing: Promise<boolean> | null = null;
let unavailable = 'torch.webgpu.init() has not been called yet';
let adapterName = '';
/** The first validation or out-of-memory error the device reported since the last sync(). */
let deviceError: string | null = null;

/** The limits ops need past WebGPU's defaults (a 1024×1024 float32 matrix is 4 MiB; defaults allow 128 MiB). */
const WANTED_LIMITS = ['maxStorageBufferBindingSize', 'maxBufferSize', 'maxComputeWorkgroupStorageSize', 'maxComputeInvocationsPerWorkgroup', 'maxStorageBuffersPerShaderStage', 'maxComputeWorkgroupsPerDimension'] as const;

export async function init(): Promise<boolean> {
  if (device) return true;
  initializing ??= (async () => {
    const gpu = (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu;
    if (!gpu) {
      unavailable = 'this browser does not offer WebGPU (navigator.gpu is missing)';
      return false;
    }
    try {
      const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
      if (!adapter) {
        unavailable = 'the browser found no WebGPU adapter';
        return false;
      }
      const requiredLimits: Record<string, number> = {};
      for (const name of WANTED_LIMITS) requiredLimits[name] = adapter.limits[name];
      const dev = await adapter.requestDevice({ requiredLimits });
      const info = adapter.info;
      adapterName = [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') || 'WebGPU adapter';
      dev.addEventListener('uncapturederror', (e) => {
        deviceError ??= (e as GPUUncapturedErrorEvent).error.message;
      });
      void dev.lost.then((lost) => {
        if (device === dev) device = null;
        unavailable = `the WebGPU device was lost (${lost.message || lost.reason})`;
        initializing = null;
      });
      device = dev;
      return true;
    } catch (e) {
      unavailable = `requesting a WebGPU device failed: ${e instanceof Error ? e.message : String(e)}`;
      return false;
    } finally {
      if (!device) initializing = null;
    }
  })();
  return initializing;
}

export function is_available(): boolean {
  return device !== null;
}

/** Why WebGPU is not available (empty when it is). */
export function unavailable_reason(): string {
  return device ? '' : unavailable;
}

/** The adapter's vendor and architecture, as the browser reports them ("google swiftshader"). */
export function adapter_name(): string {
  return adapterName;
}

/** The device every op uses; a clear error when there is none. */
export function gpuDevice(): GPUDevice {
  if (device) return device;
  throw new RuntimeError(`WebGPU is not available: ${unavailable}. Create the tensor on 'cpu', or call \`await torch.webgpu.init()\` first where WebGPU exists.`);
}

/** Takes the error the device reported since the last call, if any. */
export function takeDeviceError(): string | null {
  const e = deviceError;
  deviceError = null;
  return e;
}
