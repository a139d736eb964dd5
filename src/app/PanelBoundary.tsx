/**
 * A React error boundary around one panel: if the panel throws while rendering, it alone shows a
 * clear message in its place; the editor, the draft and the other panels keep working. A new run
 * (or "Try again") draws the panel afresh.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useStore } from '../store';
import { capText } from '../runner/protocol';
import './PanelBoundary.css';

interface Props {
  /** What the panel shows, for the message: "the graph", "the console". */
  what: string;
  /** Classes of the panel's own box, so that the message takes its place in the layout. */
  className?: string;
  children: ReactNode;
}

interface BoundaryProps extends Props {
  /** A change (a run started or finished) clears the error and renders the panel again. */
  resetKey: string;
}

interface State {
  error: Error | null;
  resetKey: string;
}

class Boundary extends Component<BoundaryProps, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: BoundaryProps, state: State): Partial<State> | null {
    return props.resetKey !== state.resetKey ? { error: null, resetKey: props.resetKey } : null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`Gradlab: ${this.props.what} failed to render`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <section className={`panel-error ${this.props.className ?? ''}`} role="alert" data-testid="panel-error" aria-label={`${this.props.what}: error`}>
        <p className="panel-error-title">
          Gradlab could not show {this.props.what}: {capText(error.message || error.name, 300)}
        </p>
        <p className="panel-error-hint">Your snippet and your draft are safe, and the editor works: edit or run the snippet to try again.</p>
        <button type="button" className="gl-button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </section>
    );
  }
}

/** Each run (its start and its end) gives a failed panel a fresh try. */
export function PanelBoundary(props: Props) {
  const resetKey = useStore((s) => `${s.runId}:${s.status}`);
  return <Boundary {...props} resetKey={resetKey} />;
}
