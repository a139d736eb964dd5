/**
 * The runner frame (runner.html): the page loads it in a sandboxed iframe (`sandbox="allow-scripts"`,
 * no allow-same-origin), so its origin is opaque and Chromium gives it a process of its own: a
 * snippet that exhausts memory there ends this frame's process, not the page (frame.ts notices
 * the silence and starts a fresh frame). The frame starts the workers the page asks for, by URL
 * (the snippet worker; later a Python one), and holds nothing else: no storage, no network, no
 * access to the page.
 *
 * The page talks to it over a MessageChannel it hands over once the frame has loaded; each worker
 * gets a MessageChannel port of its own, so its messages go straight to the page, never through
 * this frame's thread (which stays free to answer the page's heartbeat).
 */
import type { ToFrame, FromFrame } from './frameProtocol';

/**
 * A worker may only be started from a script of the frame's own origin, and an opaque origin has
 * none: each worker starts from a small classic blob: script that imports the real module with
 * `import()` (a CORS load; csp.ts sends `Access-Control-Allow-Origin` for assets/). The script
 * first takes the port the page gave this worker and makes it the worker's `postMessage` and its
 * source of messages (held until the module has loaded), all inside a closure: the snippet that
 * runs later can reach neither the port nor the bootstrap's variables.
 */
const bootstrap = (href: string) => `(() => {
  const connect = (e) => {
    if (!e.data || e.data.type !== 'gradlab:port' || !e.ports[0]) return;
    self.removeEventListener('message', connect);
    const port = e.ports[0];
    const send = port.postMessage.bind(port);
    self.postMessage = (data, transfer) => send(data, transfer);
    import(${JSON.stringify(href)}).then(
      () => { port.onmessage = (m) => self.dispatchEvent(new MessageEvent('message', { data: m.data })); },
      (err) => setTimeout(() => { throw err; }),
    );
  };
  self.addEventListener('message', connect);
})();
`;

const bootstraps = new Map<string, string>();
const workers = new Map<number, Worker>();
let control: MessagePort | null = null;

function send(msg: FromFrame): void {
  control?.postMessage(msg);
}

function spawn(id: number, url: string, port: MessagePort | undefined): void {
  const target = new URL(url, location.href);
  // Only the app's own workers: `location` is this frame's URL, whose origin is the app's.
  if (target.origin !== location.origin || !port) {
    send({ type: 'worker-error', id, message: `the runner frame starts only the app's own workers (not ${target.origin})` });
    return;
  }
  let blob = bootstraps.get(target.href);
  if (!blob) bootstraps.set(target.href, (blob = URL.createObjectURL(new Blob([bootstrap(target.href)], { type: 'text/javascript' }))));
  const worker = new Worker(blob);
  worker.onerror = (e) => {
    e.preventDefault();
    // Capped here: the text may be a snippet's, of any length, and the page should not have to copy it.
    send({ type: 'worker-error', id, message: (e.message || 'the worker failed to start').slice(0, 2000) });
  };
  worker.postMessage({ type: 'gradlab:port' }, [port]);
  workers.set(id, worker);
}

function receive(msg: ToFrame, ports: readonly MessagePort[]): void {
  if (msg.type === 'ping') send({ type: 'pong', seq: msg.seq });
  else if (msg.type === 'spawn') spawn(msg.id, msg.url, ports[0]);
  else if (msg.type === 'terminate') {
    workers.get(msg.id)?.terminate();
    workers.delete(msg.id);
  }
}

// The page's channel arrives once, from the parent only.
addEventListener('message', (e: MessageEvent) => {
  if (control || e.source !== parent || e.data?.type !== 'gradlab:connect' || !e.ports[0]) return;
  control = e.ports[0];
  control.onmessage = (m: MessageEvent<ToFrame>) => receive(m.data, m.ports);
  send({ type: 'hello' });
});
