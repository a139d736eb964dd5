/** What the page and the runner frame (host.ts) say to each other over their control channel. */
export type ToFrame =
  | { type: 'ping'; seq: number }
  /** Starts a worker from `url`; the message carries the worker's own MessagePort. */
  | { type: 'spawn'; id: number; url: string }
  | { type: 'terminate'; id: number };

export type FromFrame = { type: 'hello' } | { type: 'pong'; seq: number } | { type: 'worker-error'; id: number; message: string };
