/**
 * Every Node the engine can record has its local rule (the chain-rule panel's content), declared
 * beside its backward: the names are read from the op modules' sources, so a new Node without a
 * rule fails here; and a rule names as many inputs as the Node has next_functions, checked on the
 * Nodes that the fidelity corpus and the seed examples build.
 */
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { torch } from '../index';
import { derivativeOf, declaredDerivatives, ruleForInput } from './derivatives';
import type { Node } from './node';
import { loadCases } from '../corpus/cases';
import { runSnippet } from '../seeds/run_snippet';
import { seedArticles } from '../seeds/examples';

const ENGINE = join(__dirname, '..');
const NODE_NAME = /'((?:torch::autograd::)?[A-Z][A-Za-z0-9]*Backwards?\d*)'/g;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

/** The Node names written in the modules that record Nodes. */
function recordedNames(): string[] {
  const names = new Set<string>();
  for (const dir of ['ops', 'nn', 'autograd']) {
    for (const file of sources(join(ENGINE, dir))) for (const m of readFileSync(file, 'utf8').matchAll(NODE_NAME)) names.add(m[1]);
  }
  return [...names].sort();
}

describe('the chain-rule panel knows every Node', () => {
  const names = recordedNames();

  it('finds the Node names the op modules record', () => {
    expect(names.length).toBeGreaterThan(90);
    expect(names).toContain('MulBackward0');
    expect(names).toContain('torch::autograd::CopyBackwards');
  });

  it('has a rule for each of them', () => {
    expect(names.filter((n) => !derivativeOf(n))).toEqual([]);
  });

  it('declares no rule for a Node that no module records', () => {
    expect(declaredDerivatives().filter((n) => !names.includes(n))).toEqual([]);
  });

  it("names as many inputs as each recorded Node's next_functions", () => {
    const mismatches = new Set<string>();
    const seen = new Set<string>();
    torch.autograd._set_node_created_hook((node: Node) => {
      const name = node.name();
      const rule = derivativeOf(name);
      seen.add(name);
      if (rule && !rule.variadic && rule.inputs.length !== node.next_functions.length) mismatches.add(`${name}: ${rule.inputs.length} rules, ${node.next_functions.length} edges`);
    });
    try {
      for (const c of loadCases()) runSnippet(c.ts);
      for (const e of Object.values(seedArticles).flat()) runSnippet(e.source);
    } finally {
      torch.autograd._set_node_created_hook(null);
    }
    expect(seen.size).toBeGreaterThan(40);
    expect([...mismatches]).toEqual([]);
  });

  it('words a variadic rule per input', () => {
    expect(ruleForInput(derivativeOf('CatBackward0')!, 2)).toEqual({ input: 'tensors[2]', grad: 'grad.narrow(dim, offset of tensors[2], its size along dim)' });
    expect(ruleForInput(derivativeOf('MulBackward0')!, 1)).toEqual({ input: 'other', grad: 'grad · self' });
  });
});
