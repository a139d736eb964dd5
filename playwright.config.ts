import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

// Debian's Chromium where it is installed (CI, and this machine, where `npx playwright install`
// cannot download browsers), else Playwright's own (macOS, Windows: `npx playwright install
// chromium` once); CHROMIUM=path picks another. The app is the
// production build served by `vite preview`, on its own port (GRADLAB_E2E_PORT, default 4173): a
// server already on that port is an error, never silently reused (it may serve another build).
const port = Number(process.env.GRADLAB_E2E_PORT ?? 4173);
const executablePath = process.env.CHROMIUM ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  retries: 0,
  workers: 1,
  reporter: process.env.CI ? 'list' : 'list',
  use: {
    // The offline service worker would precache the whole app (17 MB) in every test's fresh
    // context; e2e/offline.spec.ts lets it run.
    serviceWorkers: 'block',
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-unsafe-webgpu'],
    },
  },
  webServer: {
    command: `npx vite preview --port ${port} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
