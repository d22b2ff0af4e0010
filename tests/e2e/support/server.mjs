// Starts the real Contacts server binary on a free port with a fresh database, for one test file.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Root of the repository (this file is tests/e2e/support/server.mjs). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The server binary: `CONTACTS_SERVER_BIN`, or the debug build in the workspace target dir. */
export const SERVER_BIN =
  process.env.CONTACTS_SERVER_BIN ?? path.join(REPO_ROOT, 'target/debug/contacts-server');

const LISTENING = /listening on (http:\/\/\S+)/;

/**
 * Runs the server with `--addr 127.0.0.1:0 --dist <dist> --database <temp>/db.sqlite` and
 * resolves once it prints `listening on http://127.0.0.1:PORT`. `dist` defaults to the
 * repository's built `dist/`.
 * Returns `{ url, stop }`; `stop()` ends the server and removes its temporary directory.
 */
export async function startServer({ timeoutMs = 30_000, dist = path.join(REPO_ROOT, 'dist') } = {}) {
  if (!existsSync(path.join(dist, 'index.html'))) {
    throw new Error(`${dist}/index.html is missing: build the app with trunk first`);
  }
  if (!existsSync(SERVER_BIN)) {
    throw new Error(`server binary ${SERVER_BIN} is missing: build it or set CONTACTS_SERVER_BIN`);
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'contacts-e2e-server-'));
  const child = spawn(
    SERVER_BIN,
    ['--addr', '127.0.0.1:0', '--dist', dist, '--database', path.join(dir, 'db.sqlite')],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  const url = await new Promise((resolve, reject) => {
    let pending = '';
    const timer = setTimeout(() => {
      reject(new Error(`server printed no "listening on" line within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      output += chunk;
      pending += chunk;
      const match = LISTENING.exec(pending);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`server exited early (code ${code}, signal ${signal}):\n${output}`));
    });
  }).catch(async (err) => {
    child.kill('SIGKILL');
    await exited;
    rmSync(dir, { recursive: true, force: true });
    throw err;
  });

  async function stop() {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  }

  return { url: url.replace(/\/$/, ''), stop, output: () => output };
}
