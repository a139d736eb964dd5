import { existsSync } from 'node:fs';

/** Debian's Chromium where installed, else Playwright's own; CHROMIUM=path picks another (as playwright.config.ts). */
export const chromiumPath = process.env.CHROMIUM ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
