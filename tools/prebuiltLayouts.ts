/**
 * `virtual:prebuilt-layouts`: the default snippet's graph layouts, made when the app is built (or
 * the dev server starts) by tools/defaultLayouts.ts, in a child process (it runs the engine and
 * Graphviz in Node). Always made from the code being built, so they cannot go stale.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const ID = 'virtual:prebuilt-layouts';
const RESOLVED = `\0${ID}`;
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

export function prebuiltLayouts(): Plugin {
  return {
    name: 'gradlab-prebuilt-layouts',
    resolveId: (id) => (id === ID ? RESOLVED : null),
    load(id) {
      if (id !== RESOLVED) return null;
      const json = execFileSync(process.execPath, [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(root, 'tools', 'defaultLayouts.ts')], { cwd: root, encoding: 'utf8', maxBuffer: 16 << 20 });
      JSON.parse(json);
      return `export default ${json};`;
    },
  };
}
