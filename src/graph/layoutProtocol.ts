/** What the page and the layout worker say to each other. */
import type { Layout } from './dotLayout';

export interface LayoutRequest {
  id: number;
  dot: string;
}

/** `dotMs`: Graphviz's own time for the layout, `parseMs`: reading its output back (both in the worker). */
export type LayoutReply = { id: number; layout: Layout; dotMs: number; parseMs: number } | { id: number; error: string };
