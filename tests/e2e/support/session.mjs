// One real server and one Chromium shared by the tests of a file: started before the first test,
// stopped after the last. Call `useServerAndBrowser()` at the top level of a test file.
import { after, before } from 'node:test';
import { launchBrowser } from './browser.mjs';
import { startServer } from './server.mjs';

/**
 * Registers the file's `before`/`after` hooks and returns the handles they fill in:
 * `session.server` (with `url`, `stop()`) and `session.browser` (with `context`, `close()`).
 * `setup(session)`, if given, runs in the same `before` hook once both are up (a second
 * top-level `before` is not ordered after this one on Node 20).
 */
export function useServerAndBrowser(setup = async () => {}) {
  const session = { server: undefined, browser: undefined };
  before(async () => {
    session.server = await startServer();
    session.browser = await launchBrowser();
    await setup(session);
  });
  after(async () => {
    await session.browser?.close();
    await session.server?.stop();
  });
  return session;
}
