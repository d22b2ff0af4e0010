// Import (SPEC §7, issue 6): a Windows-1251 `;` file as Russian Excel writes it is read with its
// encoding and delimiter detected, the columns mapped from their Russian headers, the dry run
// counts what will be created, skipped (a duplicate inside the file) and rejected (a bad e-mail,
// with its line and reason, in a downloadable report), the import lands the contacts in the
// chosen group, and «Отменить импорт» takes it all back.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ContactsPage } from './support/contacts-page.mjs';
import { useServerAndBrowser } from './support/session.mjs';

const COUNT = 200;

/** Encodes text as Windows-1251 (Cyrillic, ASCII): what Russian Excel saves a CSV in. */
function cp1251(text) {
  return Buffer.from(
    [...text].map((ch) => {
      const code = ch.codePointAt(0);
      if (code < 0x80) return code;
      if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
      if (ch === 'Ё') return 0xa8;
      if (ch === 'ё') return 0xb8;
      throw new Error(`not in the test's cp1251 table: ${ch}`);
    }),
  );
}

const FILE = [
  'Фамилия;Имя;E-mail;Телефон;Город',
  'Импортова;Алёна;alena.import@example.ru;+7 903 111-22-33;Тверь',
  'Загрузкин;Пётр;petr.import@example.ru;;Тверь',
  'Ошибкин;Иван;не-адрес;;Тверь',
  'Импортова;Алёна;ALENA.IMPORT@example.ru;;Тверь',
].join('\r\n');

let contacts;

const session = useServerAndBrowser(async ({ browser, server }) => {
  contacts = await ContactsPage.open(browser.context, server.url, `?demo=${COUNT}`);
  await contacts.waitForCounts(COUNT, COUNT);
});

test('a cp1251 file is mapped, dry-run, imported into a group and undone', async () => {
  const page = contacts.page;
  await page.getByRole('link', { name: 'Импорт', exact: true }).click();
  await page.getByRole('heading', { name: 'Импорт' }).waitFor();
  await page.getByLabel('Файл (.csv, .txt, .xlsx)').setInputFiles({
    name: 'база.csv',
    mimeType: 'text/csv',
    buffer: cp1251(FILE),
  });
  await page
    .getByTestId('import-read')
    .filter({ hasText: 'Прочитано строк: 4 (текст, кодировка Windows-1251, разделитель точка с запятой «;»)' })
    .waitFor();
  const mapping = page.getByRole('table', { name: 'Соответствие столбцов' });
  assert.equal(await mapping.getByLabel('Поле для столбца «Фамилия»').inputValue(), 'field:last_name');
  assert.equal(await mapping.getByLabel('Поле для столбца «E-mail»').inputValue(), 'field:email');
  assert.equal(await mapping.getByLabel('Поле для столбца «Город»').inputValue(), 'field:billing.city');

  const group = page.getByLabel('Добавить в группу');
  const groupName = (await group.locator('option').nth(1).textContent()).trim();
  await group.selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Проверить' }).click();
  const counts = page.getByTestId('import-counts');
  await counts.getByText('Будет создано: 2').waitFor();
  await counts.getByText('Будет пропущено: 1').waitFor();
  await counts.getByText('Будет отклонено: 1').waitFor();
  const rejected = await page.getByRole('list', { name: 'Отклонённые строки' }).textContent();
  assert.match(rejected, /^Строка 4: .*не-адрес/, 'the header is line 1: the bad e-mail is on line 4');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Скачать отклонённые строки' }).click(),
  ]);
  const report = readFileSync(await download.path(), 'utf8');
  assert.match(report, /не-адрес/);
  assert.match(report.split(/\r?\n/)[0], /Фамилия/);

  await page.getByRole('button', { name: 'Импортировать' }).click();
  await contacts.waitForCounts(COUNT + 2, COUNT + 2);

  // The new contacts are in the chosen group: the group's filter finds them by city.
  await contacts.addCondition('Город', 'соответствует', ['Тверь']);
  const inTver = await contacts.matchedBelow(COUNT);
  const panel = await contacts.openFilter();
  for (const toggle of await panel.getByRole('button', { name: /^Группы категории/ }).all()) {
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  }
  await panel.getByRole('checkbox', { name: groupName, exact: true }).check();
  const imported = await contacts.matchedBelow(inTver + 1);
  assert.ok(imported >= 2, `${imported} contacts of Тверь in «${groupName}»`);
  await contacts.table().getByText('Импортова').first().waitFor();

  await page.getByRole('button', { name: 'Отменить импорт' }).click();
  await contacts.waitForCounts(COUNT);
  assert.equal(await contacts.table().getByText('Импортова').count(), 0);
  assert.deepEqual(contacts.errors, []);
});

test('binary garbage gets a clear message, not a panic', async () => {
  const page = contacts.page;
  await contacts.goto('/import');
  await page.getByLabel('Файл (.csv, .txt, .xlsx)').setInputFiles({
    name: 'image.png',
    mimeType: 'image/png',
    buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 0xff, 0xfe, 0, 1, 2, 3, 0, 0]),
  });
  await page.getByRole('alert').filter({ hasText: 'Это не таблица' }).waitFor();
  assert.deepEqual(contacts.errors, []);
});
