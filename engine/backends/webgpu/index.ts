/**
 * `torch.webgpu`: PyTorch's `torch.cuda` for the browser's GPU. `await torch.webgpu.init()` once
 * (the playground does it), then `is_available()` answers synchronously, as the articles' idiom
 * `const device = torch.webgpu.is_available() ? 'webgpu' : 'cpu'` needs.
 */
import { adapter_name, init, is_available, unavailable_reason } from './context';
import { sync as syncValues } from './storage';
import { flush } from './queue';
import { resolve_text, set_deferred_print } from './deferred';

export const webgpu = {
  init,
  is_available,
  unavailable_reason,
  adapter_name,
  /** Waits until the GPU has done the work enqueued so far (and every value read is back). */
  async synchronize(): Promise<void> {
    await syncValues();
  },
  device_count(): number {
    return is_available() ? 1 : 0;
  },
  /** @internal Submits recorded commands now. */
  _flush: flush,
  /** @internal The playground's deferred printing (see deferred.ts). */
  _set_deferred_print: set_deferred_print,
  /** @internal */
  _resolve_text: resolve_text,
};
