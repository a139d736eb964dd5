/**
 * The graphs a run shows: one per `make_dot(...)` call, or, when the snippet made none, the graph
 * of its final outputs. Each becomes a plain GraphView: torchviz's model, the inspector's snapshot,
 * and the source line that created each node.
 */
import type { Tensor, Node } from '../../engine';
import { engine, isModule as isEngineModule, isTensor } from './engineRefs';
import type { GraphModel } from '../../engine/viz';
import type { GraphView } from './protocol';
import type { NodeTracker } from './tracker';

/** The snippet's top-level variables at the end of the run (or where it stopped). */
export type Scope = Record<string, unknown>;

export interface ScopeInfo {
  values: Scope;
  /** Declaration line of each top-level variable. */
  lines: Record<string, number>;
}

interface ModuleLike {
  named_parameters(): Iterable<[string, Tensor]>;
}

function isModule(v: unknown): v is ModuleLike {
  return isEngineModule(v);
}

/** Names for the viewer: every top-level tensor that requires grad, and each module's parameters. */
export function scopeNames(scope: ScopeInfo): Record<string, Tensor> {
  const names: Record<string, Tensor> = {};
  const named = new Set<Tensor>();
  const add = (name: string, t: Tensor) => {
    if (named.has(t)) return;
    named.add(t);
    names[name] = t;
  };
  for (const [name, v] of Object.entries(scope.values)) if (isTensor(v) && v.requires_grad) add(name, v);
  for (const v of Object.values(scope.values)) if (isModule(v)) for (const [p, t] of v.named_parameters()) add(p, t);
  return names;
}

/** Declaration line of the top-level variable holding `t` (directly, or as a module's parameter). */
function declarationLines(scope: ScopeInfo): Map<Tensor, number> {
  const lines = new Map<Tensor, number>();
  for (const [name, v] of Object.entries(scope.values)) {
    const line = scope.lines[name];
    if (line === undefined) continue;
    if (isTensor(v) && !lines.has(v)) lines.set(v, line);
    if (isModule(v)) for (const [, t] of v.named_parameters()) if (!lines.has(t)) lines.set(t, line);
  }
  return lines;
}

/** Every Node reachable from the roots' grad_fns, by id. */
export function reachableNodes(roots: readonly Tensor[]): Map<number, Node> {
  return reachableFrom(roots.flatMap((t) => (t.grad_fn ? [t.grad_fn] : [])));
}

function reachableFrom(starts: readonly Node[]): Map<number, Node> {
  const nodes = new Map<number, Node>();
  const stack = starts.slice();
  while (stack.length) {
    const fn = stack.pop()!;
    if (nodes.has(fn.id)) continue;
    nodes.set(fn.id, fn);
    for (const [next] of fn.next_functions) if (next) stack.push(next);
  }
  return nodes;
}

function nodeLinesOf(model: GraphModel, roots: readonly Tensor[], tracker: NodeTracker, scope: ScopeInfo): Record<string, number> {
  const nodes = reachableNodes(roots);
  const declared = declarationLines(scope);
  const tensors = new Map<number, Tensor>();
  for (const t of roots) tensors.set(t.id, t);
  for (const fn of nodes.values()) {
    const variable = (fn as { variable?: unknown }).variable;
    if (isTensor(variable)) tensors.set(variable.id, variable);
  }
  for (const t of declared.keys()) tensors.set(t.id, t);

  const lineOfTensor = (t: Tensor): number | undefined => (t.grad_fn ? (tracker.lineOf(t.grad_fn) ?? undefined) : declared.get(t));
  const out: Record<string, number> = {};
  for (const v of model.nodes) {
    let line: number | undefined;
    if (v.nodeId !== undefined) {
      const fn = nodes.get(v.nodeId);
      const variable = fn && (fn as { variable?: unknown }).variable;
      line = isTensor(variable) ? lineOfTensor(variable) : fn ? (tracker.lineOf(fn) ?? undefined) : undefined;
    } else if (v.tensorId !== undefined) {
      const t = tensors.get(v.tensorId);
      line = t ? lineOfTensor(t) : undefined;
    }
    if (line !== undefined) out[v.id] = line;
  }
  return out;
}

export function graphView(
  id: string,
  title: string,
  model: GraphModel,
  roots: readonly Tensor[],
  names: Record<string, Tensor>,
  tracker: NodeTracker,
  scope: ScopeInfo,
): GraphView {
  return {
    id,
    title,
    model,
    snapshot: engine.snapshotGraph(roots, names),
    nodeLines: nodeLinesOf(model, roots, tracker, scope),
  };
}

/** Tensors whose grad_fn is reachable from another candidate's grad_fn feed it: not outputs. */
function dropInputs(candidates: readonly Tensor[]): Tensor[] {
  return candidates.filter((t) => {
    for (const other of candidates) {
      if (other === t || !other.grad_fn || !t.grad_fn || other.grad_fn === t.grad_fn) continue;
      const below = reachableFrom(other.grad_fn.next_functions.flatMap(([n]) => (n ? [n] : [])));
      if (below.has(t.grad_fn.id)) return false;
    }
    return true;
  });
}

/**
 * The snippet's final outputs: results no later op consumed that a top-level variable holds, plus
 * the newest such result (the last loss of a loop); without any, the last top-level tensor with a
 * grad_fn.
 */
export function finalOutputs(tracker: NodeTracker, scope: ScopeInfo): Tensor[] {
  const held = new Set<Tensor>();
  let lastHeld: Tensor | null = null;
  for (const v of Object.values(scope.values)) {
    if (isTensor(v) && v.grad_fn) {
      held.add(v);
      lastHeld = v;
    }
  }
  const unconsumed = tracker.unconsumedTensors();
  const picked = unconsumed.filter((t) => held.has(t));
  const newest = unconsumed.at(-1);
  if (newest && !picked.includes(newest)) picked.push(newest);
  if (picked.length === 0 && lastHeld) picked.push(lastHeld);
  return dropInputs(picked);
}

/**
 * With no make_dot call, the graph the run draws: the snippet's final outputs, titled by the names
 * it gave them (null: it computed nothing with a graph). `draw` makes the view of those outputs.
 */
export function outputsGraph(
  info: ScopeInfo,
  tracker: NodeTracker,
  sourceLines: readonly string[],
  draw: (title: string, outputs: Tensor[], names: Record<string, Tensor>) => GraphView,
): GraphView | null {
  const outputs = finalOutputs(tracker, info);
  if (outputs.length === 0) return null;
  const names = outputNames(outputs, scopeNames(info), tracker, sourceLines);
  const nameOf = new Map(Object.entries(names).map(([k, t]) => [t, k]));
  return draw(`outputs: ${outputs.map((t) => nameOf.get(t) ?? `tensor ${t.id}`).join(', ')}`, outputs, names);
}

const ASSIGNED = /^\s*(?:const|let|var)?\s*([A-Za-z_$][\w$]*)\s*=(?!=)/;

/**
 * Names for outputs no top-level variable holds: the variable assigned on the line that created
 * it (`const loss = ...` inside a loop), as a student would call it.
 */
export function outputNames(outputs: readonly Tensor[], names: Record<string, Tensor>, tracker: NodeTracker, sourceLines: readonly string[]): Record<string, Tensor> {
  const all = { ...names };
  const named = new Set(Object.values(names));
  for (const t of outputs) {
    if (named.has(t) || !t.grad_fn) continue;
    const line = tracker.lineOf(t.grad_fn);
    const m = line ? ASSIGNED.exec(sourceLines[line - 1] ?? '') : null;
    if (m && !(m[1] in all)) {
      all[m[1]] = t;
      named.add(t);
    }
  }
  return all;
}
