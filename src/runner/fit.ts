/**
 * A run's results cut to the protocol's caps before they are sent (protocol.ts): the page refuses
 * anything larger, so the runner trims what a snippet can make as large as it likes (names,
 * labels, graphs with many saved tensors, long backward traces) and says so in the console.
 */
import type { BackwardTrace } from '../../engine/viz';
import {
  capText,
  MAX_LABEL_CHARS,
  MAX_SNAPSHOT_NODES,
  MAX_SNAPSHOT_TENSORS,
  MAX_TITLE_CHARS,
  MAX_TRACE_STEPS,
  MAX_TRACES,
  MAX_VIEW_EDGES,
  MAX_VIEW_NODES,
  type ConsoleLine,
  type GraphView,
} from './protocol';

/** A label as drawn: each of its lines cut to the label's cap (the inspector shows the whole name). */
export function capLabel(label: string): string {
  if (label.length <= MAX_LABEL_CHARS) return label;
  const lines = label.split('\n');
  const per = Math.max(8, Math.floor(MAX_LABEL_CHARS / lines.length) - 1);
  const cut = lines.map((l) => (l.length > per ? `${l.slice(0, per - 1)}…` : l)).join('\n');
  return cut.length <= MAX_LABEL_CHARS ? cut : `${cut.slice(0, MAX_LABEL_CHARS - 1)}…`;
}

/** Whether the viewer takes the model as it is (else the runner draws the graph truncated). */
export function modelFits(view: GraphView): boolean {
  return view.model.nodes.length <= MAX_VIEW_NODES && view.model.edges.length <= MAX_VIEW_EDGES;
}

/**
 * The view with its title, labels and names cut to their caps; a snapshot past its caps is
 * replaced by `smaller()` (the outputs' graph without the named tensors' own graphs), or dropped.
 */
export function fitView(view: GraphView, smaller: () => GraphView['snapshot']): GraphView {
  const title = capText(view.title, MAX_TITLE_CHARS);
  const nodes = view.model.nodes.map((n) => {
    const fitted = { ...n, label: capLabel(n.label) };
    if (n.name !== undefined) fitted.name = capText(n.name);
    return fitted;
  });
  const fits = (s: GraphView['snapshot']) => s.nodes.length <= MAX_SNAPSHOT_NODES && s.tensors.length <= MAX_SNAPSHOT_TENSORS;
  let snapshot = view.snapshot;
  if (!fits(snapshot)) snapshot = smaller();
  if (!fits(snapshot)) snapshot = { roots: snapshot.roots, nodes: [], tensors: [] };
  snapshot = { ...snapshot, tensors: snapshot.tensors.map((t) => (t.name === null ? t : { ...t, name: capText(t.name) })) };
  return { ...view, title, model: { ...view.model, nodes }, snapshot };
}

/** The newest traces the stepper can replay; a backward too long to replay is left out, with a notice. */
export function replayableTraces(traces: readonly BackwardTrace[], push: (line: ConsoleLine) => void): BackwardTrace[] {
  const kept = traces.filter((t) => t.steps.length <= MAX_TRACE_STEPS);
  if (kept.length < traces.length) {
    push({ kind: 'notice', text: `A backward of more than ${MAX_TRACE_STEPS.toLocaleString('en-US')} steps is too long for the stepper: it is not replayed.` });
  }
  // A backward's error is the snippet's text (a hook that raised): capped like any other.
  return kept.slice(-MAX_TRACES).map((t) => (t.error ? { ...t, error: { ...t.error, type: capText(t.error.type, MAX_LABEL_CHARS), message: capText(t.error.message) } } : t));
}
