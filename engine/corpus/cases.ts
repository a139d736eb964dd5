/** The fidelity corpus's cases (engine/corpus/cases/*.case): a TypeScript snippet, its Python twin, PyTorch's output. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const DIR = join(__dirname, 'cases');

export interface Case {
  id: string;
  ts: string;
  py: string;
  expected: string;
}

function parse(id: string, text: string): Case {
  const sections: Record<string, string[]> = {};
  let name = '';
  for (const line of text.split('\n')) {
    if (line.startsWith('--- ')) sections[(name = line.slice(4).trim())] = [];
    else if (name) sections[name].push(line);
  }
  const get = (k: string) => (sections[k] ?? []).join('\n');
  return { id, ts: get('ts'), py: get('py'), expected: get('expected') };
}

export function loadCases(): Case[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.case'))
    .sort()
    .map((f) => parse(f.replace(/\.case$/, ''), readFileSync(join(DIR, f), 'utf8')));
}
