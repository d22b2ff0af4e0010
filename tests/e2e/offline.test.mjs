// Offline and install (SPEC §9, issue 4): the manifest and icons meet Chromium's installability
// criteria; after one online visit the service worker serves the page, its data and deep links
// with the network gone and never caches /api/; a new version installs in the background, leaves
// the open page alone and serves the next load.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { launchBrowser } from './support/browser.mjs';
import { ContactsPage } from './support/contacts-page.mjs';
import { REPO_ROOT, startServer } from './support/server.mjs';
import { useServerAndBrowser } from './support/session.mjs';

const session = useServerAndBrowser();

/** Waits until a service worker controls `page`, reloading once if the first wait runs out. */
async function waitForServiceWorker(page) {
  const controlled = () => navigator.serviceWorker.controller !== null;
  try {
    await page.waitForFunction(controlled, null, { timeout: 15_000 });
  } catch {
    await page.reload();
    await page.waitForFunction(controlled, null, { timeout: 15_000 });
  }
}

/** The names of the page origin's Cache Storage caches. */
function cacheNames(page) {
  return page.evaluate(() => caches.keys());
}

/** The files of the built app as URL paths, sorted. */
function distFiles() {
  return readdirSync(path.join(REPO_ROOT, 'dist'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const relative = path.relative(path.join(REPO_ROOT, 'dist'), entry.parentPath ?? entry.path);
      return `/${path.posix.join(...relative.split(path.sep), entry.name)}`;
    })
    .sort();
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes) {
  assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', 'a PNG signature');
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

test('the manifest and its icons make the app installable in Chromium', async () => {
  const contacts = await ContactsPage.open(session.browser.context, session.server.url);
  const { page } = contacts;
  await waitForServiceWorker(page);

  const cdp = await session.browser.context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors, []);
  const { url, errors, data } = await cdp.send('Page.getAppManifest');
  assert.equal(url, `${session.server.url}/manifest.webmanifest`);
  assert.deepEqual(errors, []);

  const manifest = JSON.parse(data);
  assert.equal(manifest.name, 'Контакты');
  assert.equal(manifest.short_name, 'Контакты');
  assert.equal(manifest.lang, 'ru');
  assert.equal(manifest.start_url, '/');
  assert.equal(manifest.scope, '/');
  assert.equal(manifest.display, 'standalone');
  assert.match(manifest.theme_color, /^#[0-9a-f]{6}$/);
  assert.match(manifest.background_color, /^#[0-9a-f]{6}$/);
  const themeMeta = await page.locator('meta[name="theme-color"]').getAttribute('content');
  assert.equal(themeMeta, manifest.theme_color);

  const appleIcon = await page.locator('link[rel="apple-touch-icon"]').getAttribute('href');
  for (const icon of [...manifest.icons, { src: appleIcon, type: 'image/png' }]) {
    const response = await fetch(`${session.server.url}${icon.src}`);
    assert.equal(response.status, 200, icon.src);
    assert.equal(response.headers.get('content-type'), icon.type, icon.src);
    const size = pngSize(Buffer.from(await response.arrayBuffer()));
    if (icon.sizes) assert.equal(size, icon.sizes, icon.src);
  }
  const anySizes = manifest.icons.filter((i) => i.purpose === 'any').map((i) => i.sizes);
  assert.deepEqual(anySizes.sort(), ['192x192', '512x512']);
  assert.deepEqual(contacts.errors, []);
  await contacts.close();
});

test('after one online visit the page, its data and deep links open offline', async () => {
  const contacts = await ContactsPage.open(session.browser.context, session.server.url, '?demo=2000');
  const { page } = contacts;
  await contacts.waitForCounts(2000);
  await waitForServiceWorker(page);
  const [cache, ...others] = await cacheNames(page);
  assert.deepEqual(others, [], 'one cache, of this version');
  const cached = await page.evaluate(async (name) => {
    const requests = await (await caches.open(name)).keys();
    return requests.map((r) => new URL(r.url).pathname).sort();
  }, cache);
  assert.deepEqual(cached, distFiles().filter((file) => file !== '/sw.js'), 'the whole build');
  assert.equal(await page.evaluate(() => fetch('/api/health').then((r) => r.status)), 200);
  const link = contacts.bodyRows().first().getByRole('link').first();
  const name = (await link.textContent()).trim();
  const cardPath = await link.getAttribute('href');
  assert.match(cardPath, /^\/contacts\/\d+$/);

  await session.browser.context.setOffline(true);
  try {
    const reloaded = await page.reload();
    assert.ok(reloaded.fromServiceWorker(), 'the reload is served by the service worker');
    await contacts.waitForCounts(2000);

    // Without ?demo the contacts can only come from IndexedDB.
    const home = await page.goto(`${session.server.url}/`);
    assert.ok(home.fromServiceWorker());
    await contacts.waitForCounts(2000);

    const card = await page.goto(`${session.server.url}${cardPath}`);
    assert.ok(card.fromServiceWorker(), 'a deep link is served by the service worker');
    await page.getByRole('heading', { level: 1, name }).waitFor();
    assert.equal(await contacts.title(), 'Контакты');
    assert.deepEqual(contacts.errors, []);

    const api = await page.evaluate(() =>
      fetch('/api/health').then(
        (r) => `answered ${r.status}`,
        () => 'failed',
      ),
    );
    assert.equal(api, 'failed', '/api/ is never answered from a cache');
  } finally {
    await session.browser.context.setOffline(false);
  }
  await contacts.close();
});

test('a new version installs in the background, leaves the open page alone and serves the next load', async () => {
  const dist = mkdtempSync(path.join(tmpdir(), 'contacts-e2e-dist-'));
  cpSync(path.join(REPO_ROOT, 'dist'), dist, { recursive: true });
  const ownServer = await startServer({ dist });
  const ownBrowser = await launchBrowser();
  try {
    const page = await ownBrowser.context.newPage();
    await page.goto(`${ownServer.url}/`);
    await waitForServiceWorker(page);
    const [first] = await cacheNames(page);
    await page.evaluate(() => {
      window.stillTheFirstLoad = true;
    });

    // Deploy the next version: a changed index.html and the sw.js that precaches it.
    const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
    writeFileSync(
      path.join(dist, 'index.html'),
      html.replace('<title>', '<meta name="contacts-build" content="next">\n    <title>'),
    );
    const worker = readFileSync(path.join(dist, 'sw.js'), 'utf8');
    const nextWorker = worker.replace(/"version":"([0-9a-f]+)"/, '"version":"$1-next"');
    assert.notEqual(nextWorker, worker, 'sw.js carries its build version');
    writeFileSync(path.join(dist, 'sw.js'), nextWorker);

    // The new version installs, the loaded page promotes it, and it takes over this page.
    await page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const sw = navigator.serviceWorker;
          sw.addEventListener('controllerchange', () => {
            const worker = sw.controller;
            if (worker.state === 'activated') resolve();
            worker.addEventListener('statechange', () => {
              if (worker.state === 'activated') resolve();
            });
          });
          sw.getRegistration()
            .then((registration) => registration.update())
            .catch(reject);
        }),
    );
    assert.deepEqual(await cacheNames(page), [`${first}-next`], 'only the new version is kept');
    assert.equal(await page.evaluate(() => window.stillTheFirstLoad), true, 'no reload');
    assert.equal(await page.locator('meta[name="contacts-build"]').count(), 0);

    await ownBrowser.context.setOffline(true);
    const next = await page.reload();
    assert.ok(next.fromServiceWorker());
    assert.equal(await page.locator('meta[name="contacts-build"]').count(), 1);
    assert.equal(await page.evaluate(() => window.stillTheFirstLoad), undefined);
  } finally {
    await ownBrowser.close();
    await ownServer.stop();
    rmSync(dist, { recursive: true, force: true });
  }
});
