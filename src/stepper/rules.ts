/**
 * The chain-rule panel's content: the local derivative rule the running Node applied (PyTorch's
 * derivatives.yaml, in words, as the engine declares it beside each backward and the trace
 * carries it) with the gradient it received, the values it saved and the gradient
 * it sent along each next_functions edge. Plain data for the component.
 */
import type { GradSnapshot, TensorValues, TraceStep } from '../../engine/viz';
import { ruleForInput } from '../../engine/autograd/derivatives';
import type { GraphView } from '../runner/protocol';
import { fullGrad, shortGrad } from './format';

export interface RuleLine {
  /** `grad_self`, `grad_other`, or `x.grad` for AccumulateGrad. */
  lhs: string;
  rule: string;
  /** The gradient sent, short and full; null: nothing flows (None). */
  value: string | null;
  full: string | null;
  /** Where it went, in words: `→ AddBackward0`, `→ None`. */
  target: string;
}

export interface RuleView {
  name: string;
  /** The gradient(s) the node received: one per output slot, after summing. */
  received: { short: string; full: string }[];
  /** The saved values the rule reads, as they were before backward freed them. */
  saved: { key: string; short: string; full: string }[];
  lines: RuleLine[];
  generic: boolean;
}

const className = (name: string) => name.replace(/^.*::/, '');

function asGrad(t: TensorValues): GradSnapshot {
  return { shape: t.shape, dtype: t.dtype, values: t.values };
}

export function chainRule(step: TraceStep, graph: GraphView | null): RuleView {
  const name = className(step.name);
  const received = step.grads.flatMap((g) => (g ? [{ short: shortGrad(g), full: fullGrad(g) }] : []));
  const savedValues = graph?.savedValues?.[step.node] ?? {};
  const nodeSnapshot = graph?.snapshot.nodes.find((n) => n.id === step.node);
  const saved = Object.entries(savedValues).map(([key, t]) => ({ key, short: shortGrad(asGrad(t)), full: fullGrad(asGrad(t)) }));
  for (const s of nodeSnapshot?.saved ?? []) if (s.kind === 'value' && !(s.key in savedValues)) saved.push({ key: s.key, short: s.repr, full: s.repr });
  const nameOf = (id: number | null) => {
    if (id === null) return 'None';
    const v = graph?.model.nodes.find((n) => n.id === `n${id}`);
    return v ? className(v.label.split('\n')[0]) : `node ${id}`;
  };

  if (step.accumulated) {
    const leaf = graph?.model.nodes.find((n) => n.id === `t${step.accumulated!.tensor}`);
    const leafName = leaf?.name ?? 'variable';
    const g = step.accumulated.grad;
    return {
      name,
      received,
      saved,
      lines: [{ lhs: `${leafName}.grad`, rule: `${leafName}.grad + grad (or grad, when .grad is None)`, value: shortGrad(g), full: fullGrad(g), target: '→ the leaf' }],
      generic: false,
    };
  }

  const known = step.rule;
  const lines = step.sent.map((send, i): RuleLine => {
    const r = known ? ruleForInput(known, i) : null;
    return {
      lhs: `grad_${r?.input ?? `input ${i}`}`,
      rule: r?.grad || 'grad · ∂output/∂input (this node’s derivative formula)',
      value: send.grad ? shortGrad(send.grad) : null,
      full: send.grad ? fullGrad(send.grad) : null,
      target: `→ ${nameOf(send.to)}`,
    };
  });
  return { name, received, saved, lines, generic: !known };
}
