/**
 * Source maps are made for every chunk (`build.sourcemap: 'hidden'`: no `sourceMappingURL` in the
 * served files) and then moved out of `dist/` into `dist-sourcemaps/`, so that what is deployed
 * holds no maps (54 MB of the old 71 MB `dist/`) while a stack trace from the field can still be
 * mapped back with them.
 */
import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

function mapsIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.map'))
    .map((e) => path.join(e.parentPath, e.name));
}

export function sourceMapsAside(): Plugin {
  let outDir = '';
  return {
    name: 'gradlab-source-maps-aside',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      order: 'post',
      handler() {
        const aside = `${outDir}-sourcemaps`;
        rmSync(aside, { recursive: true, force: true });
        for (const file of mapsIn(outDir)) {
          const target = path.join(aside, path.relative(outDir, file));
          mkdirSync(path.dirname(target), { recursive: true });
          renameSync(file, target);
        }
      },
    },
  };
}
