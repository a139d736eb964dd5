/**
 * The engine as the runner found it when the worker started, before any snippet ran. The snippet
 * gets the same `torch` object and may replace anything on it (`torch.viz.traces = () => [{}]`,
 * `torch.nn.Module = ...`, a `Symbol.hasInstance` on `Tensor`); the runner calls only these
 * references, so what it describes to the page is the engine's own work whatever the snippet
 * changed. What a snippet can still corrupt (the engine's objects themselves) is caught by the
 * page's schema check of every message.
 */
import { torch, Tensor } from '../../engine';
import { OpNode } from '../../engine/autograd/function';
import { AccumulateGrad, type Node } from '../../engine/autograd/node';
import { freshBackwardTraces } from '../../engine/autograd/trace';
import { makeDotKeepingFreed, type DotGraph, type MakeDotOptions } from '../../engine/viz/make_dot';

// Function.prototype[Symbol.hasInstance] is not writable, but a class can define its own: the
// original walks the prototype chain whatever the snippet defined.
const hasInstance = Function.prototype[Symbol.hasInstance];

export const engine = Object.freeze({
  /** The engine's make_dot, taking its options as one object (the snippet's `make_dot` is the runner's own, bound by torchviz's signature). */
  makeDot: (outputs: Tensor | readonly Tensor[], opts: MakeDotOptions): DotGraph => makeDotKeepingFreed(outputs, opts, null),
  bindMakeDot: torch.viz._bind_make_dot,
  snapshotGraph: torch.viz.snapshot_graph,
  /** Built afresh from the engine's recording: the traces a snippet got from `torch.viz.traces()` are its own. */
  freshTraces: freshBackwardTraces,
  clearTraces: torch.viz.clear_traces,
  setTraceOptions: torch.viz.set_trace_options,
  setNodeCreatedHook: torch.autograd._set_node_created_hook,
  setDefaultDevice: torch.set_default_device,
  webgpu: Object.freeze({
    init: torch.webgpu.init,
    unavailableReason: torch.webgpu.unavailable_reason,
    synchronize: torch.webgpu.synchronize,
    setDeferredPrint: torch.webgpu._set_deferred_print,
    resolveText: torch.webgpu._resolve_text,
  }),
  /** The snippet's globals (its own `torch` is the shared object: a snippet may patch it for itself). */
  globals: Object.freeze({ torch, nn: torch.nn, F: torch.nn.functional, optim: torch.optim }),
});

const Module = torch.nn.Module;

export const isTensor = (v: unknown): v is Tensor => hasInstance.call(Tensor, v);
export const isModule = (v: unknown): v is InstanceType<typeof Module> => hasInstance.call(Module, v);
export const isOpNode = (v: unknown): v is OpNode => hasInstance.call(OpNode, v);
export const isAccumulateGrad = (v: Node): v is AccumulateGrad => hasInstance.call(AccumulateGrad, v);
