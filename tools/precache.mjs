// Trunk post_build hook (see Trunk.toml): finishes the staged build in TRUNK_STAGING_DIR for
// offline use, before Trunk moves it to dist/.
//
// 1. Fingerprints the icons: icons/NAME.png becomes icons/NAME-<hash>.png and index.html and
//    manifest.webmanifest are rewritten to match. The server caches every file but index.html,
//    sw.js and manifest.webmanifest as immutable, so a file's name must change with its bytes.
// 2. Writes the service worker's precache list (every staged file except sw.js itself) and a
//    version hashed from those files' names and contents into sw.js, replacing its single
//    `const BUILD = …;` line. Fails loudly when something it expects is missing.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) fail('TRUNK_STAGING_DIR is not set: run this as a Trunk post_build hook');
const publicUrl = process.env.TRUNK_PUBLIC_URL || '/';

const ICONS = 'icons';
const WORKER = 'sw.js';
const TEXT_FILES = ['index.html', 'manifest.webmanifest'];
const BUILD_LINE = /^const BUILD = .*;$/m;

fingerprintIcons();
const files = listFiles(staging).filter((file) => file !== WORKER);
const version = hash(files.map((file) => `${file}\0${hash(read(file))}\n`).join(''));
writeBuild(files.map((file) => publicUrl + file), version);
console.error(`precache: ${files.length} files, version ${version}`);

/** Renames every icon to carry its content hash and points the HTML and manifest at it. */
function fingerprintIcons() {
  const renames = readdirSync(path.join(staging, ICONS)).map((name) => {
    const { name: stem, ext } = path.parse(name);
    const hashed = `${stem}-${hash(read(`${ICONS}/${name}`))}${ext}`;
    renameSync(path.join(staging, ICONS, name), path.join(staging, ICONS, hashed));
    return [`${publicUrl}${ICONS}/${name}`, `${publicUrl}${ICONS}/${hashed}`];
  });
  for (const file of TEXT_FILES) {
    let text = read(file).toString('utf8');
    for (const [from, to] of renames) text = text.replaceAll(`"${from}"`, `"${to}"`);
    const missing = [...text.matchAll(new RegExp(`"(${escape(publicUrl + ICONS)}/[^"]+)"`, 'g'))]
      .map((m) => m[1])
      .filter((url) => !renames.some(([, to]) => to === url));
    if (missing.length > 0) fail(`${file} names icons that are not in public/icons: ${missing}`);
    writeFileSync(path.join(staging, file), text);
  }
}

/** Replaces the `const BUILD = …;` line of the staged sw.js. */
function writeBuild(urls, buildVersion) {
  const source = read(WORKER).toString('utf8');
  const lines = source.match(new RegExp(BUILD_LINE.source, 'gm')) ?? [];
  if (lines.length !== 1) fail(`${WORKER} must have exactly one \`const BUILD = …;\` line`);
  const build = JSON.stringify({ version: buildVersion, files: urls });
  writeFileSync(path.join(staging, WORKER), source.replace(BUILD_LINE, `const BUILD = ${build};`));
}

/** Every file under `dir`, as sorted paths relative to the staging folder with `/` separators. */
function listFiles(dir, prefix = '') {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? listFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`)
        : [`${prefix}${entry.name}`],
    )
    .sort();
}

/** `text` with every regular-expression character escaped. */
function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function read(file) {
  return readFileSync(path.join(staging, file));
}

/** The first 16 hex digits of the SHA-256 of `data`. */
function hash(data) {
  return createHash('sha256').update(data).digest('hex').slice(0, 16);
}

function fail(message) {
  console.error(`precache: ${message}`);
  process.exit(1);
}
