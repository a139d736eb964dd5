import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { engineDts } from './src/editor/engineDts.js';
import { contentSecurityPolicy } from './src/app/csp.js';
import { sourceMapsAside } from './tools/sourceMapsAside.js';

// Relative base: the built site works from any static host or a subfolder.
export default defineConfig({
  base: './',
  // engineDts: the engine's .d.ts files for the editor's IntelliSense (`virtual:engine-dts`).
  // contentSecurityPolicy: the page's CSP in the built index.html, the snippet worker's as a header.
  plugins: [react(), engineDts(fileURLToPath(new URL('./engine', import.meta.url))), contentSecurityPolicy(), sourceMapsAside()],
  worker: { format: 'es' },
  // The workers' dependencies, which the dev server would otherwise discover only when a worker
  // first loads them, then re-optimize and reload the page (a 15 s first `npm run dev` load).
  optimizeDeps: { include: ['@hpcc-js/wasm-graphviz', 'sucrase', 'lz-string'] },
  build: {
    target: 'es2022',
    sourcemap: 'hidden',
    // Two pages: the playground and the embeddable view (embed.html#code/...).
    rollupOptions: { input: { index: fileURLToPath(new URL('./index.html', import.meta.url)), embed: fileURLToPath(new URL('./embed.html', import.meta.url)) } },
  },
});
