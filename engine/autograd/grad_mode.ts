/** Global autograd switches: grad mode (no_grad / enable_grad) and anomaly detection. */

const state = { enabled: true, anomaly: false };

export function is_grad_enabled(): boolean {
  return state.enabled;
}

export function set_grad_enabled(flag: boolean): void {
  state.enabled = flag;
}

/** Runs `fn` with grad mode set to `flag`, restoring the previous mode even if `fn` throws. */
function withGradMode<T>(flag: boolean, fn: () => T): T {
  const prev = state.enabled;
  state.enabled = flag;
  try {
    return fn();
  } finally {
    state.enabled = prev;
  }
}

/** `with torch.no_grad(): ...` becomes `torch.no_grad(() => ...)`; returns the callback's value. */
export function no_grad<T>(fn: () => T): T {
  return withGradMode(false, fn);
}

export function enable_grad<T>(fn: () => T): T {
  return withGradMode(true, fn);
}

export function is_anomaly_enabled(): boolean {
  return state.anomaly;
}

export function set_detect_anomaly(flag: boolean): void {
  state.anomaly = flag;
}

/** `with torch.autograd.detect_anomaly(): ...` becomes `torch.autograd.detect_anomaly(() => ...)`. */
export function detect_anomaly<T>(fn: () => T): T {
  const prev = state.anomaly;
  state.anomaly = true;
  try {
    return fn();
  } finally {
    state.anomaly = prev;
  }
}
