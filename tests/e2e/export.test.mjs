// Export from the Contacts page (SPEC §8, issue 6): ⚙ → csv / excel / простой текст writes the
// selection, or everything the filter matches when nothing is selected, after showing the count.
// The downloaded files are read back: the CSV's BOM, `;` and headers in SPEC §8's order, the
// xlsx's header row and rows, one line per contact in the text file.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ContactsPage } from './support/contacts-page.mjs';
import { useServerAndBrowser } from './support/session.mjs';
import { readXlsxRows } from './support/xlsx.mjs';

const COUNT = 600;

/** SPEC §8's first columns, in order. */
const FIRST_HEADERS = ['Фамилия', 'Имя', 'Отчество', 'Телефон', 'Email', 'Описание'];

let contacts;

const session = useServerAndBrowser(async ({ browser, server }) => {
  contacts = await ContactsPage.open(browser.context, server.url, `?demo=${COUNT}`);
  await contacts.page.setViewportSize({ width: 1400, height: 900 });
  await contacts.waitForCounts(COUNT, COUNT);
});

/** Parses CSV text with `;` and double-quote quoting (cells may hold newlines). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) rows.push([...row, cell]);
  return rows;
}

/** ⚙ → `item`, checks the dialog's line, clicks «Скачать» and gives the downloaded bytes. */
async function exportAs(item, line) {
  const page = contacts.page;
  await page.getByRole('button', { name: 'Действия с выбранными' }).click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Экспорт: ${item}` });
  await dialog.getByText(line).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Скачать' }).click(),
  ]);
  const name = download.suggestedFilename();
  return { name, bytes: readFileSync(await download.path()) };
}

test('csv of everything the filter matches: BOM, `;`, SPEC §8 headers, one row per contact', async () => {
  await contacts.addCondition('Город', 'соответствует', ['Москва']);
  const found = await contacts.matchedBelow(COUNT);
  assert.ok(found > 0 && found < COUNT, `${found}`);
  const { name, bytes } = await exportAs('csv', `Будет выгружено контактов: ${found} (все найденные по фильтру)`);
  assert.match(name, /^contacts-\d{4}-\d{2}-\d{2}\.csv$/);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
  const rows = parseCsv(bytes.subarray(3).toString('utf8')).filter((r) => r.join('') !== '');
  assert.deepEqual(rows[0].slice(0, FIRST_HEADERS.length), FIRST_HEADERS);
  assert.ok(rows[0].includes('Тег'));
  assert.equal(rows.length, found + 1, 'a header and one row per matching contact');
  const city = rows[0].indexOf('Город выставления счета');
  assert.ok(rows.slice(1).every((r) => r[city] === 'Москва'), 'only the filter’s contacts');
  assert.deepEqual(contacts.errors, []);
});

test('excel of the selection: the header row and exactly the ticked contacts', async () => {
  const page = contacts.page;
  const ticks = contacts.bodyRows().getByRole('checkbox');
  await ticks.nth(0).check();
  await ticks.nth(1).check();
  await ticks.nth(2).check();
  await page.getByTestId('selected').filter({ hasText: 'Выбрано: 3' }).waitFor();
  const { name, bytes } = await exportAs('excel', 'Будет выгружено контактов: 3 (выбранные)');
  assert.match(name, /^contacts-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const rows = readXlsxRows(bytes);
  assert.deepEqual(rows[0].slice(0, FIRST_HEADERS.length), FIRST_HEADERS);
  assert.equal(rows.length, 4, 'a header and the three selected contacts');
  const city = rows[0].indexOf('Город выставления счета');
  assert.ok(rows.slice(1).every((r) => r[city] === 'Москва'));
  assert.deepEqual(contacts.errors, []);
});

test('простой текст: one line per selected contact', async () => {
  const { name, bytes } = await exportAs('простой текст', 'Будет выгружено контактов: 3 (выбранные)');
  assert.match(name, /^contacts-\d{4}-\d{2}-\d{2}\.txt$/);
  const lines = bytes.toString('utf8').split('\n').filter((l) => l.trim() !== '');
  assert.equal(lines.length, 3);
});
