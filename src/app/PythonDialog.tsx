/**
 * "Open in PyTorch": the snippet mapped back to Python (src/export/python.ts), translated in
 * Monaco's TypeScript worker (the editor's own; loaded now if the student has not opened it yet).
 * A Python snippet already is the PyTorch program: the dialog shows it as it is (with the imports
 * the playground predefines, so that it runs with python3).
 */
import { useEffect, useState } from 'react';
import type { PythonExport } from '../export/python';
import { useStore } from '../store';
import { copyText } from './clipboard';
import { Dialog } from './Dialog';

/** The imports the playground predefines for a Python snippet, added where the snippet lacks them. */
const PREDEFINED: [RegExp, string][] = [
  [/^\s*(import torch\b|from torch import)/m, 'import torch'],
  [/^\s*import torch\.nn as nn\b/m, 'import torch.nn as nn'],
  [/^\s*import torch\.nn\.functional as F\b/m, 'import torch.nn.functional as F'],
  [/^\s*import torch\.optim as optim\b/m, 'import torch.optim as optim'],
  [/^\s*from torchviz import\b.*\bmake_dot\b/m, 'from torchviz import make_dot'],
];

function withImports(source: string): PythonExport {
  const uses = (name: string) => new RegExp(`\\b${name}\\.|\\b${name}\\(`).test(source);
  const names = ['torch', 'nn', 'F', 'optim', 'make_dot'];
  const missing = PREDEFINED.filter(([present], i) => uses(names[i]) && !present.test(source)).map(([, line]) => line);
  if (missing.length === 0) return { code: source, notes: [] };
  return { code: `${missing.join('\n')}\n${source}`, notes: [`Added ${missing.map((m) => `\`${m}\``).join(', ')}: the playground predefines these names, python3 needs the imports.`] };
}

export function PythonDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const [result, setResult] = useState<PythonExport | { failed: string } | null>(null);
  const [copied, setCopied] = useState<boolean | null>(null);

  useEffect(() => {
    if (!open) return;
    let current = true;
    setResult(null);
    setCopied(null);
    const { source, language } = useStore.getState();
    if (language === 'python') {
      setResult(withImports(source));
      return;
    }
    import('../editor/monaco')
      .then((m) => m.toPython(source))
      .then(
        (r) => current && setResult(r),
        (e: unknown) => current && setResult({ failed: e instanceof Error ? e.message : String(e) }),
      );
    return () => {
      current = false;
    };
  }, [open]);

  return (
    <Dialog open={open} title="Open in PyTorch" onClose={onClose} testId="python-dialog" wide>
      <p>The snippet as a PyTorch program: run it with Python and PyTorch to check the numbers.</p>
      {result === null && <p className="gl-dialog-status">Converting…</p>}
      {result && 'failed' in result && (
        <p role="alert" className="gl-dialog-status">
          The converter could not load: {result.failed}
        </p>
      )}
      {result && 'code' in result && (
        <>
          <pre className="gl-dialog-code" data-testid="python-code" tabIndex={0} aria-label="Python program">
            {result.code}
          </pre>
          <div className="gl-dialog-actions">
            <button type="button" className="gl-button gl-button--primary" data-testid="python-copy" onClick={async () => setCopied(await copyText(result.code))}>
              Copy
            </button>
            <span className="gl-dialog-status" role="status">
              {copied === true ? 'Copied' : copied === false ? 'Copying was refused: select the code and press Ctrl+C.' : ''}
            </span>
          </div>
          {result.notes.length > 0 && (
            <ul className="gl-dialog-notes" data-testid="python-notes">
              {result.notes.map((n, i) => (
                <li key={i}>{n}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </Dialog>
  );
}
