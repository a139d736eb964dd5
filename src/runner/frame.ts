/**
 * The page's side of the runner frame (runner.html, host.ts): a hidden iframe with
 * `sandbox="allow-scripts"` and no allow-same-origin, whose opaque origin Chromium puts in a
 * process of its own, and the workers it starts. `spawnFramedWorker(url)` gives a Worker-like
 * handle on a worker started there from `url` (the snippet worker; any other worker of the app's,
 * such as Python mode's, goes the same way).
 *
 * A snippet that exhausts memory ends the frame's process, and with it every worker in it. Nothing
 * tells the page so, but the frame stops answering: while any of its workers is running something,
 * the page pings the frame every HEARTBEAT_MS, and a frame silent for LOST_AFTER_TICKS heartbeats
 * (counted only while the page itself kept time) is taken as gone: each of its workers reports
 * `lost`, the iframe is removed, and the next worker starts a fresh frame.
 */
import type { FromFrame, ToFrame } from './frameProtocol';

const HEARTBEAT_MS = 250;
/**
 * A worker stopped mid-allocation may still take its frame down as it goes: the frame stays watched
 * this long after its last busy worker ended, so that the next run does not start in a dead frame.
 */
const AFTERCARE_MS = 3000;
/** About 1.5 s of silence from a frame that answers a ping in a few milliseconds when alive. */
const LOST_AFTER_TICKS = 6;
/** A frame that has not said hello by then could not load (a missing file, a refusing policy). */
const CONNECT_TIMEOUT_MS = 15_000;
/**
 * Once loaded, its script answers in milliseconds; silence means it could not run (a host that
 * does not send `Access-Control-Allow-Origin` for assets/, which an opaque origin's scripts need).
 */
const HELLO_AFTER_LOAD_MS = 3000;

/**
 * How a framed worker failed: `lost` when its frame's process ended (out of memory, most likely);
 * `unavailable` when no frame can start here (frameUnavailable() is true from then on).
 */
export interface WorkerFailure {
  message: string;
  lost?: boolean;
  unavailable?: boolean;
  preventDefault(): void;
}

/** What the snippet runner needs of a worker (a page Worker, a framed one, or a test's fake). */
export interface WorkerLike {
  postMessage(msg: unknown): void;
  terminate(): void;
  /** Ends the frame this worker lives in with every worker there (each reports `lost`): the next start in a fresh one. */
  retireHost?(): void;
  /** True while its frame has missed heartbeats (its process may be ending: a verdict follows within 1.5 s). */
  silent?(): boolean;
  onmessage: ((e: MessageEvent) => void) | null;
  onerror: ((e: WorkerFailure) => void) | null;
}

class FramedWorker implements WorkerLike {
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: WorkerFailure) => void) | null = null;
  /** Given work and not yet ended: the frame is watched while any worker is busy. */
  busy = false;

  constructor(
    readonly id: number,
    private readonly port: MessagePort,
    private readonly frame: RunnerFrame,
  ) {
    port.onmessage = (e) => this.onmessage?.(e);
  }

  postMessage(msg: unknown): void {
    this.busy = true;
    this.port.postMessage(msg);
    this.frame.watch();
  }

  terminate(): void {
    this.busy = false;
    this.port.close();
    this.frame.terminate(this.id);
  }

  retireHost(): void {
    this.frame.retire();
  }

  silent(): boolean {
    return this.frame.silent();
  }

  fail(message: string, how: { lost?: boolean; unavailable?: boolean }): void {
    this.busy = false;
    this.port.close();
    this.onerror?.({ message, ...how, preventDefault() {} });
  }
}

class RunnerFrame {
  private readonly iframe: HTMLIFrameElement;
  private readonly control: MessagePort;
  private readonly workers = new Map<number, FramedWorker>();
  private readonly queued: [ToFrame, Transferable[]][] = [];
  private connected = false;
  private nextId = 1;
  private seq = 0;
  private unanswered = 0;
  private lastTick = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  private watchedUntil = 0;
  private connectTimer: ReturnType<typeof setTimeout>;
  gone = false;

  constructor(
    page: RunnerPage,
    private readonly onGone: (frame: RunnerFrame) => void,
  ) {
    const channel = new MessageChannel();
    this.control = channel.port1;
    this.control.onmessage = (e: MessageEvent<FromFrame>) => this.receive(e.data);
    const iframe = document.createElement('iframe');
    iframe.setAttribute('sandbox', 'allow-scripts');
    iframe.setAttribute('aria-hidden', 'true');
    iframe.tabIndex = -1;
    iframe.title = 'Gradlab runner';
    iframe.className = 'runner-frame';
    iframe.style.cssText = 'position:absolute;width:0;height:0;border:0;visibility:hidden';
    iframe.src = new URL(page, document.baseURI).href;
    const fail = () => this.lose('the runner frame could not start', { unavailable: true });
    iframe.addEventListener(
      'load',
      () => {
        iframe.contentWindow?.postMessage({ type: 'gradlab:connect' }, '*', [channel.port2]);
        clearTimeout(this.connectTimer);
        this.connectTimer = setTimeout(fail, HELLO_AFTER_LOAD_MS);
      },
      { once: true },
    );
    this.iframe = iframe;
    document.body.append(iframe);
    this.connectTimer = setTimeout(fail, CONNECT_TIMEOUT_MS);
  }

  spawn(url: string): FramedWorker {
    const channel = new MessageChannel();
    const worker = new FramedWorker(this.nextId++, channel.port1, this);
    this.workers.set(worker.id, worker);
    this.send({ type: 'spawn', id: worker.id, url }, [channel.port2]);
    return worker;
  }

  terminate(id: number): void {
    if (!this.workers.delete(id)) return;
    this.send({ type: 'terminate', id });
    this.watch();
  }

  /** Starts the heartbeat, or lets it stop: it runs while any worker of this frame is busy, and a while after. */
  watch(): void {
    const now = performance.now();
    if ([...this.workers.values()].some((w) => w.busy)) this.watchedUntil = Number.POSITIVE_INFINITY;
    else if (this.watchedUntil === Number.POSITIVE_INFINITY) this.watchedUntil = now + AFTERCARE_MS;
    if (now < this.watchedUntil && !this.timer && !this.gone) {
      this.unanswered = 0;
      this.lastTick = now;
      this.timer = setInterval(() => this.tick(), HEARTBEAT_MS);
    }
  }

  /** Two heartbeats unanswered: a frame that answers in milliseconds when alive is in trouble. */
  silent(): boolean {
    return this.unanswered >= 2;
  }

  retire(): void {
    this.lose('the runner frame was replaced', { lost: true });
  }

  private tick(): void {
    const now = performance.now();
    if (now >= this.watchedUntil) {
      clearInterval(this.timer!);
      this.timer = null;
      return;
    }
    // A late tick means the page itself was busy: the frame's answer may be queued behind it.
    const onTime = now - this.lastTick < HEARTBEAT_MS * 2;
    this.lastTick = now;
    if (!this.connected) return;
    if (!onTime) this.unanswered = 0;
    else if (this.unanswered >= LOST_AFTER_TICKS) return this.lose('the runner stopped answering', { lost: true });
    this.unanswered++;
    this.send({ type: 'ping', seq: ++this.seq });
  }

  private receive(msg: FromFrame): void {
    if (msg.type === 'hello') {
      this.connected = true;
      clearTimeout(this.connectTimer);
      for (const [m, transfer] of this.queued.splice(0)) this.control.postMessage(m, transfer);
    } else if (msg.type === 'pong') this.unanswered = 0;
    else if (msg.type === 'worker-error') this.workers.get(msg.id)?.fail(msg.message, {});
  }

  private send(msg: ToFrame, transfer: Transferable[] = []): void {
    if (this.gone) return;
    if (this.connected) this.control.postMessage(msg, transfer);
    else this.queued.push([msg, transfer]);
  }

  /** The frame is gone (its process ended, or it never started): every worker in it fails. */
  private lose(message: string, how: { lost?: boolean; unavailable?: boolean }): void {
    if (this.gone) return;
    if (how.unavailable && !this.connected) unavailable = true;
    this.gone = true;
    clearTimeout(this.connectTimer);
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.control.close();
    this.iframe.remove();
    this.onGone(this);
    const workers = [...this.workers.values()];
    this.workers.clear();
    for (const w of workers) w.fail(message, how);
  }
}

/**
 * The runner frames' pages: the same host under two policies (src/app/csp.ts): TypeScript's may
 * evaluate strings and fetch nothing; Python's may compile WebAssembly and fetch the app's assets
 * (Pyodide's files), never evaluate JavaScript text.
 */
export type RunnerPage = 'runner.html' | 'runner-python.html';

const frames = new Map<RunnerPage, RunnerFrame>();
let unavailable = false;

/**
 * Whether a runner frame failed to start on this page (a static host without CORS for assets/);
 * the runner then starts its workers in the page, as before the frame (README "Reliability").
 */
export function frameUnavailable(): boolean {
  return unavailable;
}

/**
 * A worker started from `url` (a module worker script of this app) inside the runner frame of
 * `page`; the frame is made on first use, and again after one was lost.
 */
export function spawnFramedWorker(url: string, page: RunnerPage = 'runner.html'): WorkerLike {
  let frame = frames.get(page);
  if (!frame) {
    frame = new RunnerFrame(page, (gone) => {
      if (frames.get(page) === gone) frames.delete(page);
    });
    frames.set(page, frame);
  }
  return frame.spawn(url);
}
