/**
 * The CPU / WebGPU switch: where the snippet's tensors go by default (`torch.set_default_device`),
 * and whether `torch.webgpu.is_available()` says yes. WebGPU is greyed out, with the reason, when
 * the browser has no adapter (Chromium's software adapter counts as one).
 */
import { useEffect } from 'react';
import { useStore } from '../store';
import type { DeviceChoice } from '../store/uiSlice';
import { probeWebgpu } from './webgpuProbe';
import { runNow } from './runController';
import './DeviceSwitch.css';

export function DeviceSwitch() {
  const device = useStore((s) => s.device);
  const setDevice = useStore((s) => s.setDevice);
  const webgpu = useStore((s) => s.webgpu);
  const setWebgpuSupport = useStore((s) => s.setWebgpuSupport);
  useEffect(() => {
    let live = true;
    void probeWebgpu().then((support) => {
      if (!live) return;
      setWebgpuSupport(support);
      // A first run made before the answer went to the CPU: run again where the student asked.
      if (support.available && useStore.getState().device === 'webgpu') runNow();
    });
    return () => {
      live = false;
    };
  }, [setWebgpuSupport]);
  const gpuOff = webgpu.available !== true;
  const current: DeviceChoice = gpuOff ? 'cpu' : device;
  const option = (value: DeviceChoice, label: string, title: string, disabled = false) => (
    <label className={`device-option${current === value ? ' device-option--on' : ''}${disabled ? ' device-option--off' : ''}`} title={title}>
      <input type="radio" name="device" value={value} checked={current === value} disabled={disabled} onChange={() => {
          setDevice(value);
          runNow();
        }} data-testid={`device-${value}`} />
      <span>{label}</span>
    </label>
  );
  return (
    <div className="device-switch" role="radiogroup" aria-label="Device for tensors" data-testid="device-switch">
      {option('cpu', 'CPU', 'Tensors on the CPU (torch.webgpu.is_available() is false)')}
      {option('webgpu', 'WebGPU', gpuOff ? `WebGPU is not available: ${webgpu.reason}` : `Tensors on the GPU (${webgpu.adapter}); torch.webgpu.is_available() is true`, gpuOff)}
    </div>
  );
}
