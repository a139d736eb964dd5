import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { engineDts } from './src/editor/engineDts.js';
import { contentSecurityPolicy } from './src/app/csp.js';

// Relative base: the built site works from any static host or a subfolder.
export default defineConfig({
  base: './',
  // engineDts: the engine's .d.ts files for the editor's IntelliSense (`virtual:engine-dts`).
  // contentSecurityPolicy: the page's CSP in the built index.html, the snippet worker's as a header.
  plugins: [react(), engineDts(fileURLToPath(new URL('./engine', import.meta.url))), contentSecurityPolicy()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    // Two pages: the playground and the embeddable view (embed.html#code/...).
    rollupOptions: { input: { index: fileURLToPath(new URL('./index.html', import.meta.url)), embed: fileURLToPath(new URL('./embed.html', import.meta.url)) } },
  },
});
