// The core's own answer for a generated base: runs crates/core's `count_filter` example, so the
// app's counts are checked against the Rust filter engine on the same generated contacts.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { REPO_ROOT } from './server.mjs';

const run = promisify(execFile);

/** The seed of the app's demo base (`src/demo.rs`). */
export const DEMO_SEED = 1;

/**
 * How many contacts of `generate(count, seed)` match the filter URL text `text`, with dates in a
 * time zone `offsetMinutes` east of UTC.
 */
export async function coreCount(count, text, offsetMinutes = 0, seed = DEMO_SEED) {
  const { stdout } = await run(
    'cargo',
    ['run', '-q', '-p', 'contacts-core', '--example', 'count_filter', '--',
      String(count), String(seed), text, String(offsetMinutes)],
    { cwd: REPO_ROOT, timeout: 300_000 },
  );
  return Number(stdout.trim());
}
