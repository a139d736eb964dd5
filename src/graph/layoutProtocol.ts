/** What the page and the layout worker say to each other. */
import type { Layout } from './dotLayout';

export interface LayoutRequest {
  id: number;
  dot: string;
}

export type LayoutReply = { id: number; layout: Layout } | { id: number; error: string };
