// Contacts service worker: the app opens offline after its first visit, and updates reach a
// user on the next load, never mid-session.
//
// Build: Trunk copies this file to dist/, then its post_build hook (tools/precache.mjs) replaces
// the `const BUILD = …` line below with the build's file list (hashed JS, wasm, CSS, icons, plus
// index.html and the manifest) and a version hashed from those files' contents. Any change to
// the app therefore changes this file's bytes, which is how the browser notices an update.
//
// Lifecycle:
// - install precaches every file of the build into the cache `contacts-<version>`;
// - the new worker then waits. Neither install nor activate calls skipWaiting: the page
//   (index.html) posts SKIP_WAITING to a waiting worker only once it has finished loading
//   its own version, so the running page keeps its code and the next load gets the new one;
// - activate deletes the caches of other versions and claims pages not yet controlled (the
//   first visit), so the first page works offline without a reload.
//
// Fetch:
// - navigations to an app route (`/`, `/contacts/5`, `/groups/3?f=…`: any path whose last
//   segment has no dot) get the precached index.html, cache first. The app is offline-first —
//   its data lives in IndexedDB — so start-up never waits on the network: a slow connection
//   cannot delay it, and index.html always comes with the very files it names;
// - files of the build come from the cache, falling back to the network;
// - /api/, other origins, non-GET requests and anything else go to the network untouched.

const BUILD = { version: 'unbuilt', files: [] };

const CACHE_PREFIX = 'contacts-';
const CACHE = `${CACHE_PREFIX}${BUILD.version}`;
const SHELL = new URL('index.html', self.registration.scope).pathname;
const PRECACHED = new Set(BUILD.files);
// Files that keep their names across builds (every other file is named by its content hash).
const STABLE = new Set([SHELL, new URL('manifest.webmanifest', self.registration.scope).pathname]);

self.addEventListener('install', (event) => {
  event.waitUntil(precache());
});

self.addEventListener('activate', (event) => {
  event.waitUntil(dropOtherVersions().then(() => self.clients.claim()));
});

self.addEventListener('message', (event) => {
  if (event.data?.type === 'SKIP_WAITING') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    if (isAppRoute(url.pathname)) event.respondWith(fromCache(SHELL, request));
  } else if (PRECACHED.has(url.pathname)) {
    event.respondWith(fromCache(url.pathname, request));
  }
});

/** Fetches every file of the build into this version's cache; fails the install if one fails. */
async function precache() {
  const cache = await caches.open(CACHE);
  // Stable names bypass the HTTP cache: revalidating by date could keep an old copy when two
  // builds share a modification time. Hashed names may come from it, their bytes never change.
  const requests = BUILD.files.map(
    (path) => new Request(path, { cache: STABLE.has(path) ? 'reload' : 'default' }),
  );
  await cache.addAll(requests);
}

/** Deletes the caches of every other version of the app. */
async function dropOtherVersions() {
  const names = await caches.keys();
  await Promise.all(
    names
      .filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE)
      .map((name) => caches.delete(name)),
  );
}

/** Whether `path` is a route of the single-page app rather than a file. */
function isAppRoute(path) {
  const last = path.slice(path.lastIndexOf('/') + 1);
  return path === SHELL || !last.includes('.');
}

/** The cached response for `path`, or `request` from the network when the cache lacks it. */
async function fromCache(path, request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(path, { ignoreVary: true });
  return cached ?? fetch(request);
}
