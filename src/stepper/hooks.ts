/**
 * The hooks that fired at a backward step, in words: on which tensor (or node) each ran, what it
 * returned as Python would print it, and what that did to the gradient. Plain data for the
 * chain-rule panel and the graph's hook badges.
 */
import type { GradSnapshot, TraceHookCall, TraceStep } from '../../engine/viz';
import { formatTensor } from '../../engine/format';
import type { GraphView } from '../runner/protocol';
import { fullGrad, shortGrad } from './format';

export interface HookLine {
  kind: TraceHookCall['kind'];
  /** `hook on y`, `pre-hook on MulBackward0`, `hook on MulBackward0`. */
  who: string;
  /** What it returned, as Python prints it: `tensor([10., 10.])`, `None`, `(tensor([2., 2.]),)`. */
  returned: string;
  /** Whether it returned something, which then replaced the gradient(s). */
  replaced: boolean;
  /** What that did: `replaced the gradient`, `gradient unchanged`. */
  effect: string;
  /** The hover text: what it was called with and every value it returned. */
  title: string;
}

const className = (name: string) => name.replace(/^.*::/, '');

/** Longer reprs (or several lines) are written short: the hover text has all values. */
const REPR_MAX = 48;

/** A gradient as `print(g)` shows it when that is short, else its short form. */
export function pyTensor(g: GradSnapshot): string {
  const numel = g.shape.reduce((a, b) => a * b, 1);
  if (numel > 64) return `tensor of shape (${g.shape.join(', ')})`;
  const repr = formatTensor({ values: g.values, shape: g.shape, dtype: g.dtype, device: 'cpu' });
  return repr.length <= REPR_MAX && !repr.includes('\n') ? repr : `tensor(${shortGrad(g)})`;
}

function pyTuple(items: readonly string[]): string {
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
}

/** The tensor a hook was registered on, by the name the snippet gave it where there is one. */
function tensorName(call: Extract<TraceHookCall, { kind: 'tensor' }>, step: TraceStep, graph: GraphView | null): string {
  const named = call.tensor === null ? null : (graph?.snapshot.tensors.find((t) => t.id === call.tensor)?.name ?? graph?.model.nodes.find((v) => v.id === `t${call.tensor}`)?.name);
  if (named) return named;
  if (step.accumulated) return 'the leaf';
  return step.grads.length > 1 ? `output ${call.slot} of ${className(step.name)}` : `the output of ${className(step.name)}`;
}

export function hookLine(call: TraceHookCall, step: TraceStep, graph: GraphView | null): HookLine {
  const node = className(step.name);
  if (call.kind === 'tensor') {
    const replaced = call.returned !== null;
    const got = call.grad ? `Called with the gradient of its tensor:\n${fullGrad(call.grad)}` : 'Called with None: its tensor received no gradient';
    return {
      kind: 'tensor',
      who: `hook on ${tensorName(call, step, graph)}`,
      returned: call.returned ? pyTensor(call.returned) : 'None',
      replaced,
      effect: replaced ? 'replaced the gradient' : 'gradient unchanged',
      title: call.returned ? `${got}\nReturned, and used from here on:\n${fullGrad(call.returned)}` : `${got}\nReturned None: the gradient goes on as it was.`,
    };
  }
  const replaced = call.returned !== null;
  const what = call.kind === 'pre' ? 'the gradients it runs on (grad_outputs)' : 'the gradients it sends (grad_inputs)';
  const all = call.returned?.map((g) => (g ? fullGrad(g) : 'None')).join('\n') ?? '';
  return {
    kind: call.kind,
    who: `${call.kind === 'pre' ? 'pre-hook' : 'hook'} on ${node}`,
    returned: call.returned ? pyTuple(call.returned.map((g) => (g ? pyTensor(g) : 'None'))) : 'None',
    replaced,
    effect: replaced ? `replaced ${what}` : `${what.replace(/ \(.*\)$/, '')} unchanged`,
    title: replaced ? `Returned, and used from here on:\n${all}` : `Returned None: ${what} go on as they were.`,
  };
}

/** Every hook that fired at `step`, in calling order. */
export function hookLines(step: TraceStep, graph: GraphView | null): HookLine[] {
  return step.hookCalls.map((call) => hookLine(call, step, graph));
}

/** The badge beside the node on the graph: short, the hover text has the rest. */
export function hookBadge(call: TraceHookCall): { text: string; title: string } {
  const label = call.kind === 'pre' ? 'pre-hook' : call.kind === 'post' ? 'post-hook' : 'hook';
  if (call.returned === null) return { text: `${label} fired → None`, title: `A ${label} ran here and returned None: the gradient is unchanged.` };
  const value = call.kind === 'tensor' ? shortGrad(call.returned) : pyTuple(call.returned.map((g) => (g ? shortGrad(g) : 'None')));
  const title =
    call.kind === 'tensor'
      ? `A hook registered on this node’s output tensor ran and returned a new gradient, which replaced the one that arrived:\n${fullGrad(call.returned)}`
      : `A ${label} on this node ran and returned new gradients, which replaced ${call.kind === 'pre' ? 'the ones it runs on' : 'the ones it sends'}.`;
  return { text: `${label} fired → ${value}`, title };
}
