/**
 * Offline use and installation (vite-plugin-pwa, Workbox): a service worker precaches the built app
 * (pages, scripts, styles, workers, Graphviz's WebAssembly inlined in the layout worker, Monaco,
 * lessons), so that after one visit the page reloads and runs snippets with the network off.
 * Pyodide's files (Python mode) are cached the first time Python is used, not precached.
 *
 * A new deployment never half-updates a page: the new worker waits until the student chooses
 * "Reload" on the notice (src/app/UpdateNotice.tsx); until then every file comes from the version
 * the page started with.
 */
import { VitePWA } from 'vite-plugin-pwa';
import type { PluginOption } from 'vite';
import { PYODIDE_CACHE } from '../src/python/assetFiles';

export function offline(): PluginOption {
  return VitePWA({
    registerType: 'prompt',
    // Registered by the page itself (src/app/UpdateNotice.tsx), never by the embed.
    injectRegister: false,
    manifest: {
      name: 'Gradlab: see automatic differentiation',
      short_name: 'Gradlab',
      description: "Type a PyTorch autograd snippet and see its computation graph and the gradients flowing back into every leaf's .grad, step by step.",
      start_url: './',
      scope: './',
      display: 'standalone',
      background_color: '#ffffff',
      theme_color: '#3f5bd8',
      icons: [
        { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
        { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
        { src: 'icon-512-maskable.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' },
      ],
    },
    workbox: {
      globPatterns: ['**/*.{html,js,css,ttf,woff2,wasm,json,svg,png,txt,webmanifest}'],
      // KaTeX's fonts (the lessons' math) come in three formats: every browser that runs a service
      // worker takes the woff2 ones. Pyodide (assets/pyodide-<version>/, src/python/pyodideAssets.ts)
      // is cached when used, below.
      globIgnores: ['**/KaTeX_*.ttf', '**/pyodide-*/**'],
      // The TypeScript worker (Monaco's IntelliSense) is 7 MB before compression.
      maximumFileSizeToCacheInBytes: 12 * 1024 * 1024,
      // Hash links (#code/, #py/) are navigations to the page itself; the embed and other pages
      // are their own precached files.
      navigateFallback: 'index.html',
      navigateFallbackDenylist: [/\/embed\.html/, /\.[a-z]+$/],
      cleanupOutdatedCaches: true,
      sourcemap: false,
      runtimeCaching: [
        {
          // The folder is named by Pyodide's version: a new version is new URLs, never a stale cache.
          urlPattern: ({ url }) => /\/pyodide-[^/]+\//.test(url.pathname),
          handler: 'CacheFirst',
          options: { cacheName: PYODIDE_CACHE },
        },
      ],
    },
  });
}
