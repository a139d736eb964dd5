import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { engineDts } from './src/editor/engineDts.js';
import { contentSecurityPolicy } from './src/app/csp.js';
import { sourceMapsAside } from './tools/sourceMapsAside.js';
import { prebuiltLayouts } from './tools/prebuiltLayouts.js';
import { offline } from './tools/offline.js';
import { pyodideAssets } from './src/python/pyodideAssets.js';

// Relative base: the built site works from any static host or a subfolder.
export default defineConfig({
  base: './',
  // engineDts: the engine's .d.ts files for the editor's IntelliSense (`virtual:engine-dts`).
  // contentSecurityPolicy: the page's CSP in the built index.html, the snippet worker's as a header.
  // pyodideAssets: Python mode's runtime and interpreter snapshots, from the app's own origin.
  plugins: [
    react(),
    engineDts(fileURLToPath(new URL('./engine', import.meta.url))),
    contentSecurityPolicy(),
    sourceMapsAside(),
    prebuiltLayouts(),
    offline(),
    pyodideAssets(fileURLToPath(new URL('./node_modules/.cache/gradlab-python', import.meta.url))),
  ],
  worker: { format: 'es' },
  resolve: {
    // Monaco's TypeScript worker, which Monaco's own code also names (`new URL('ts.worker.js')`),
    // is ours (it adds the Python export): one worker in the build, not a second, unused one.
    alias: [{ find: /^.*\/languages\/features\/typescript\/ts\.worker\.js$/, replacement: fileURLToPath(new URL('./src/editor/ts.worker.ts', import.meta.url)) }],
  },
  // The workers' dependencies, which the dev server would otherwise discover only when a worker
  // first loads them, then re-optimize and reload the page (a 15 s first `npm run dev` load).
  optimizeDeps: { include: ['@hpcc-js/wasm-graphviz', 'sucrase', 'lz-string'] },
  build: {
    target: 'es2022',
    sourcemap: 'hidden',
    // Four pages: the playground, the embeddable view (embed.html#code/...) and the runner frames
    // both start their snippet workers in (sandboxed iframes: runner.html for TypeScript,
    // runner-python.html for Python, each under its own policy).
    rollupOptions: {
      input: {
        index: fileURLToPath(new URL('./index.html', import.meta.url)),
        embed: fileURLToPath(new URL('./embed.html', import.meta.url)),
        runner: fileURLToPath(new URL('./runner.html', import.meta.url)),
        'runner-python': fileURLToPath(new URL('./runner-python.html', import.meta.url)),
      },
      output: {
        // The chunk both pages load first (React, zustand, d3, the graph, the store, the runner's
        // client) would be named after its first module, `styles`: it is named for what it holds.
        chunkFileNames: (chunk) => (chunk.moduleIds.some((id) => id.includes('/node_modules/react-dom/')) ? 'assets/app-shared-[hash].js' : 'assets/[name]-[hash].js'),
      },
    },
    // Past 500 KB: Monaco's chunk (4.1 MB, 1.06 MB gzipped: the editor with its features; loaded
    // after the first graph or when the student reaches for the editor, never before), and the
    // workers, each one library (ts.worker: the TypeScript compiler; layout.worker: Graphviz's
    // WebAssembly, inlined). README's bench:load table says what a first visit fetches.
    chunkSizeWarningLimit: 4300,
  },
});
