import { useMemo } from 'react';
import torch from '../engine';

/**
 * Placeholder page until the playground lands: it runs the first seed article's example with the
 * real engine, in the page, and shows what it prints.
 */
export function App() {
  const lines = useMemo(() => {
    const x = torch.ones(2, 2, { requires_grad: true });
    const y = x.add(2);
    const out = y.mul(y).mul(3).mean();
    out.backward();
    return [String(x), String(y), String(out), String(x.grad)];
  }, []);
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 720, margin: '40px auto', padding: '0 16px' }}>
      <h1>Gradlab</h1>
      <p>See automatic differentiation. The playground is on its way; here is the engine at work:</p>
      <pre data-testid="console" style={{ background: '#f5f7fa', padding: 16, borderRadius: 8 }}>
        {lines.map((l, i) => (
          <div key={i} data-testid="console-line">
            {l}
          </div>
        ))}
      </pre>
    </main>
  );
}
