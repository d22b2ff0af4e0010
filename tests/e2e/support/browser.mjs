// Launches the system Chromium through playwright-core with a throwaway profile directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

/** Chromium binary: `CHROMIUM_BIN`, or Debian's. */
export const CHROMIUM_BIN = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

/** Flags for a quiet headless Chromium running as root. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launches a persistent Chromium context in a fresh profile directory.
 * Returns `{ context, close }`; `close()` shuts the browser and removes the profile.
 */
export async function launchBrowser() {
  const dir = mkdtempSync(path.join(tmpdir(), 'contacts-e2e-profile-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(dir, {
      executablePath: CHROMIUM_BIN,
      headless: true,
      acceptDownloads: true,
      args: CHROMIUM_ARGS,
    });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  async function close() {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return { context, close };
}
