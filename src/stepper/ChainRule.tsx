/** The chain rule the running node applied, with its numbers (the inspector's top while stepping). */
import { useMemo } from 'react';
import type { TraceError, TraceStep } from '../../engine/viz';
import { useStore } from '../store';
import { errorText } from './format';
import type { GraphView } from '../runner/protocol';
import { chainRule } from './rules';
import { hookLines, type HookLine } from './hooks';
import { useActiveStep } from './useStepper';
import './Stepper.css';

export function ChainRule({ step, graph }: { step: TraceStep; graph: GraphView | null }) {
  const rule = useMemo(() => chainRule(step, graph), [step, graph]);
  const hooks = useMemo(() => hookLines(step, graph), [step, graph]);
  // Tensor hooks and pre-hooks ran on the gradient before the rule; post-hooks on what it sent.
  const before = hooks.filter((h) => h.kind !== 'post');
  const after = hooks.filter((h) => h.kind === 'post');
  return (
    <section className="chain-rule" data-testid="chain-rule" aria-label="Chain rule of the running node" tabIndex={0}>
      <header className="chain-rule-head">
        <span className="chain-rule-title">{rule.name}</span>
        <span className="chain-rule-sub">the local rule it applied</span>
      </header>
      <HookList hooks={before} />
      <dl className="chain-rule-values">
        {rule.received.map((r, i) => (
          <div key={`g${i}`}>
            <dt>grad{rule.received.length > 1 ? `[${i}]` : ''}</dt>
            <dd title={r.full}>{r.short}</dd>
          </div>
        ))}
        {rule.saved.map((s) => (
          <div key={s.key}>
            <dt>{s.key}</dt>
            <dd title={s.full}>{s.short}</dd>
          </div>
        ))}
      </dl>
      <ol className="chain-rule-lines">
        {rule.lines.map((l, i) => (
          <li key={i} className={l.value === null ? 'is-none' : undefined}>
            <code className="chain-rule-lhs">{l.lhs}</code>
            <span> = </span>
            <code>{l.rule}</code>
            <span> = </span>
            <code className="chain-rule-value" title={l.full ?? 'None: nothing flows along this edge'}>
              {l.value ?? 'None'}
            </code>
            <span className="chain-rule-target">{l.target}</span>
          </li>
        ))}
      </ol>
      <HookList hooks={after} />
      {rule.generic && <p className="chain-rule-note">A custom Function's node: its rule is the backward() you wrote, and the values are what it sent.</p>}
    </section>
  );
}

/** "hook on y fired: returned tensor([10., 10.]) — replaced the gradient", one line per call. */
function HookList({ hooks }: { hooks: HookLine[] }) {
  if (hooks.length === 0) return null;
  return (
    <ul className="chain-rule-hooks" aria-label="Hooks that fired">
      {hooks.map((h, i) => (
        <li key={i} className="chain-rule-hook" data-testid="chain-rule-hook" data-kind={h.kind} data-replaced={h.replaced} title={h.title}>
          <span className="chain-rule-hook-badge">hook</span>
          <span>
            {h.who} fired: returned <code className="chain-rule-hook-value">{h.returned}</code>
            <span className="chain-rule-hook-effect"> — {h.effect}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The node that raised, in place of its rule: it never applied one. */
function FailedStep({ step, error }: { step: TraceStep; error: TraceError }) {
  return (
    <section className="chain-rule is-failed" data-testid="chain-rule" data-failed="true" aria-label="The node that raised" tabIndex={0}>
      <header className="chain-rule-head">
        <span className="chain-rule-title">{step.name.replace(/^.*::/, '')}</span>
        <span className="chain-rule-sub">raised, so backward stopped here</span>
      </header>
      <p className="chain-rule-error">{errorText(error)}</p>
    </section>
  );
}

/** The rule of the node the stepper just ran, if any (its own component: it re-renders per step). */
export function ActiveChainRule({ graph }: { graph: GraphView | null }) {
  const step = useActiveStep();
  const error = useStore((s) => {
    const trace = s.stepperMode === 'backward' ? s.traces[s.traceIndex] : undefined;
    return trace?.error && trace.error.node !== null && s.stepK === trace.steps.length ? trace.error : null;
  });
  if (!step) return null;
  return error ? <FailedStep step={step} error={error} /> : <ChainRule step={step} graph={graph} />;
}
