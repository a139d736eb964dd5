import { useMemo, type ReactNode } from 'react';
import type { GraphView } from '../runner/protocol';
import { describeSelection, EMPTY_MESSAGE, FREED_NOTE, type InspectorRow, type InspectorView, type NextFunctionEntry, type SavedEntry } from './describe';
import './Inspector.css';

export interface InspectorProps {
  graph: GraphView | null;
  selectedId: string | null;
  onSelect(id: string): void;
}

/** The selected graph node: its grad_fn, next_functions and saved values, or a tensor's fields. */
export function Inspector({ graph, selectedId, onSelect }: InspectorProps) {
  const view = useMemo(() => describeSelection(graph, selectedId), [graph, selectedId]);
  return (
    <aside className="inspector" data-testid="inspector" aria-label="Inspector" tabIndex={0}>
      {view ? <Selection view={view} onSelect={onSelect} /> : <p className="inspector-empty">{EMPTY_MESSAGE}</p>}
    </aside>
  );
}

function Selection({ view, onSelect }: { view: InspectorView; onSelect(id: string): void }) {
  const isNode = view.nextFunctionsText !== null;
  return (
    <>
      <header className="inspector-header">
        <h2 className="inspector-title">{view.title}</h2>
        <span className={`inspector-kind inspector-kind-${view.kind}`}>{view.subtitle}</span>
      </header>
      {view.rows.length > 0 && (
        <Section title={isNode ? 'grad_fn' : 'tensor'}>
          <Rows rows={view.rows} onSelect={onSelect} />
        </Section>
      )}
      {view.notes.map((note) => (
        <p key={note} className="inspector-note inspector-note-info">
          {note}
        </p>
      ))}
      {view.nextFunctionsText !== null && (
        <Section title="next_functions">
          <pre className="inspector-pre">{view.nextFunctionsText}</pre>
          {view.nextFunctions.length > 0 && (
            <ol className="inspector-next" start={0}>
              {view.nextFunctions.map((entry, i) => (
                <li key={i}>
                  <NextFunction entry={entry} onSelect={onSelect} />
                </li>
              ))}
            </ol>
          )}
        </Section>
      )}
      {isNode && (
        <Section title="saved tensors">
          {view.saved.length === 0 ? (
            <p className="inspector-muted">None</p>
          ) : (
            view.saved.map((entry) => <Saved key={entry.attr} entry={entry} onSelect={onSelect} />)
          )}
        </Section>
      )}
      {view.blocks.map((block) => (
        <Section
          key={block.label}
          title={block.label}
          action={block.targetId ? <GoTo targetId={block.targetId} onSelect={onSelect} /> : null}
        >
          <pre className="inspector-pre">{block.text}</pre>
        </Section>
      ))}
    </>
  );
}

function Section({ title, action, children }: { title: string; action?: ReactNode; children: ReactNode }) {
  return (
    <section className="inspector-section">
      <h3 className="inspector-section-title">
        {title}
        {action}
      </h3>
      {children}
    </section>
  );
}

function Rows({ rows, onSelect }: { rows: InspectorRow[]; onSelect(id: string): void }) {
  return (
    <dl className="inspector-rows">
      {rows.map((r, i) => (
        <div key={i} className="inspector-row">
          <dt>{r.label}</dt>
          <dd>
            {r.targetId ? (
              <button type="button" className="inspector-link" onClick={() => onSelect(r.targetId!)}>
                {r.value}
              </button>
            ) : (
              <code>{r.value}</code>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function NextFunction({ entry, onSelect }: { entry: NextFunctionEntry; onSelect(id: string): void }) {
  const { targetId } = entry;
  if (targetId === null) {
    return (
      <span className="inspector-link inspector-link-off" data-testid="next-function" aria-disabled="true">
        {entry.text}
      </span>
    );
  }
  return (
    <button
      type="button"
      className="inspector-link"
      data-testid="next-function"
      data-target-id={targetId}
      title={`Go to ${entry.name}`}
      onClick={() => onSelect(targetId)}
    >
      {entry.text}
    </button>
  );
}

function Saved({ entry, onSelect }: { entry: SavedEntry; onSelect(id: string): void }) {
  const inline = entry.kind === 'value';
  return (
    <div className="inspector-saved">
      <div className="inspector-saved-head">
        <code className="inspector-saved-attr">{entry.attr}</code>
        {inline && <code> = {entry.repr}</code>}
        {entry.targetIds.map((id) => (
          <GoTo key={id} targetId={id} onSelect={onSelect} />
        ))}
      </div>
      {entry.note !== null && (
        <p className={entry.note === FREED_NOTE ? 'inspector-note inspector-note-info' : 'inspector-note'}>{entry.note}</p>
      )}
      {!inline && entry.repr !== '' && <pre className="inspector-pre">{entry.repr}</pre>}
    </div>
  );
}

function GoTo({ targetId, onSelect }: { targetId: string; onSelect(id: string): void }) {
  return (
    <button type="button" className="inspector-goto" title="Show in graph" onClick={() => onSelect(targetId)}>
      show
    </button>
  );
}
