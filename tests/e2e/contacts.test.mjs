// The Contacts page on 10 000 demo contacts (SPEC §3–§5, issue 4): the virtual table, sorting,
// the filter built through the panel against the core's own count, the filter in the URL and in
// storage, the card, «+N», «Подписчики», «Вид», and a malformed URL filter.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { launchBrowser } from './support/browser.mjs';
import { ContactsPage } from './support/contacts-page.mjs';
import { coreCount } from './support/core.mjs';
import { useServerAndBrowser } from './support/session.mjs';

const COUNT = 10_000;

/**
 * What the filter test builds through the panel, in the URL text the core reads: category 6 of
 * the demo base («Регионы»), «Город» equal to either of two cities, «Баллы» over 100.
 */
const FILTER_TEXT = '1~c:6~billing.city:eq:Москва,Санкт-Петербург~points:gt:100';

let contacts;
/** The core's count for FILTER_TEXT, computed once the browser's time zone is known. */
let expected;

const session = useServerAndBrowser(async ({ browser, server }) => {
  contacts = await ContactsPage.open(browser.context, server.url, `?demo=${COUNT}`);
  await contacts.page.setViewportSize({ width: 1400, height: 900 });
});

test('?demo=10000 loads the base into a virtualised table', async () => {
  await contacts.waitForCounts(COUNT, COUNT);
  const rows = contacts.bodyRows();
  const rendered = await rows.count();
  assert.ok(rendered > 10 && rendered < 60, `${rendered} rows in the DOM, not ${COUNT}`);
  await contacts.table().evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  await contacts.table().locator(`a[href="/contacts/${COUNT}"]`).first().waitFor();
  assert.ok((await rows.count()) < 60, 'still only a screenful after scrolling');
  await contacts.table().evaluate((el) => {
    el.scrollTop = 0;
  });
  await contacts.table().locator('a[href="/contacts/1"]').first().waitFor();
  assert.deepEqual(contacts.errors, []);
});

test('a column header sorts the table both ways', async () => {
  const header = contacts.columnHeader('Баллы');
  const points = async () => {
    const cells = await contacts.bodyRows().evaluateAll((rows) =>
      rows.map((row) => row.children[9]?.textContent ?? ''),
    );
    return cells.slice(0, 10).map((text) => (text === '' ? null : Number(text)));
  };
  await header.getByRole('button').click();
  await contacts.page.waitForFunction(() =>
    document.querySelector('[role=columnheader][aria-sort=ascending]'),
  );
  const ascending = await points();
  assert.deepEqual(ascending, [...ascending].sort((a, b) => a - b), `${ascending}`);
  assert.equal(ascending[0], 0);

  await header.getByRole('button').click();
  await contacts.page.waitForFunction(() =>
    document.querySelector('[role=columnheader][aria-sort=descending]'),
  );
  const descending = await points();
  assert.deepEqual(descending, [...descending].sort((a, b) => b - a), `${descending}`);
  assert.equal(descending[0], 5000);
  assert.equal(await header.getAttribute('aria-sort'), 'descending');
});

test('a category and two conditions (one with two values) match the core’s count', async () => {
  expected = await coreCount(COUNT, FILTER_TEXT, await contacts.utcOffsetMinutes());
  assert.ok(expected > 0 && expected < COUNT, `a selective filter (${expected})`);

  const panel = await contacts.openFilter();
  await panel.getByRole('checkbox', { name: 'Регионы', exact: true }).check();
  await contacts.addCondition('Город', 'соответствует', ['Москва', 'Санкт-Петербург']);
  await contacts.addCondition('Баллы', 'больше', ['100']);

  await contacts.waitForCounts(COUNT, expected);
  assert.equal(contacts.urlFilter(), FILTER_TEXT);
  const cities = await contacts.bodyRows().evaluateAll((rows) =>
    rows.map((row) => row.children[5]?.textContent),
  );
  assert.ok(cities.every((c) => c === 'Москва' || c === 'Санкт-Петербург'), `${cities}`);

  // The match types offered are only those of the field.
  const offered = await contacts
    .condition(2)
    .getByRole('combobox', { name: 'Сравнение' })
    .evaluate((select) => [...select.options].map((o) => o.textContent));
  assert.ok(!offered.includes('содержит'), `${offered}`);
  assert.ok(offered.includes('больше или равно'), `${offered}`);
  assert.deepEqual(contacts.errors, []);
});

test('a bad value shows its error next to the condition, and fixing it applies again', async () => {
  const box = contacts.condition(2).getByLabel('Значение', { exact: true });
  await box.fill('сто');
  await contacts.condition(2).getByText('не число').waitFor();
  assert.equal(await contacts.matched(), expected, 'the last valid result stays');
  await box.fill('100');
  await contacts.condition(2).getByText('не число').waitFor({ state: 'detached' });
  await contacts.waitForCounts(COUNT, expected);
});

test('a reload keeps the filter, and storage restores it where the URL has none', async () => {
  await contacts.page.reload();
  await contacts.waitForCounts(COUNT, expected);
  assert.equal(contacts.urlFilter(), FILTER_TEXT);

  await contacts.goto('/');
  await contacts.waitForCounts(COUNT, expected);
  assert.equal(contacts.urlFilter(), FILTER_TEXT, 'the stored filter is written back to the URL');
  const panel = await contacts.openFilter();
  assert.equal(await panel.getByRole('checkbox', { name: 'Регионы', exact: true }).isChecked(), true);
  assert.equal(
    await contacts.condition(1).getByLabel('Значение', { exact: true }).nth(1).inputValue(),
    'Санкт-Петербург',
  );
  assert.deepEqual(contacts.errors, []);
});

test('the copied URL opened in a fresh browser shows the same result', async () => {
  // A fresh browser has no base of its own: the copied link also carries `?demo=10000`, which
  // the filter's URL updates keep, so both browsers hold the same generated contacts.
  await contacts.goto(`/?demo=${COUNT}`);
  await contacts.waitForCounts(COUNT, expected);
  assert.equal(contacts.urlFilter(), FILTER_TEXT);
  const copied = contacts.page.url();
  assert.match(copied, /demo=10000/);
  const fresh = await launchBrowser();
  try {
    const page = await fresh.context.newPage();
    const other = new ContactsPage(page, session.server.url);
    await page.goto(copied);
    await other.waitForCounts(COUNT, expected);
    assert.equal(other.urlFilter(), FILTER_TEXT);
    assert.deepEqual(other.errors, []);
  } finally {
    await fresh.close();
  }
});

test('a name opens the card at its own URL, which also opens directly', async () => {
  const link = contacts.bodyRows().first().getByRole('link').first();
  const name = (await link.textContent()).trim();
  const href = await link.getAttribute('href');
  assert.match(href, /^\/contacts\/\d+$/);
  await link.click();
  await contacts.page.waitForURL(`**${href}`);
  await contacts.page.getByRole('heading', { level: 1, name }).waitFor();
  for (const section of ['Основное', 'Адрес', 'Адрес доставки', 'Статусы', 'Согласие', 'История']) {
    await contacts.page.getByRole('heading', { level: 2, name: section, exact: true }).waitFor();
  }

  await contacts.page.getByRole('link', { name: '← Все контакты' }).click();
  await contacts.waitForCounts(COUNT, expected);
  assert.equal(contacts.urlFilter(), FILTER_TEXT, 'the way back keeps the filter');

  await contacts.goto(href);
  await contacts.page.getByRole('heading', { level: 1, name }).waitFor();
  await contacts.goto('/contacts/99999999');
  await contacts.page.getByRole('heading', { name: 'Контакт не найден' }).waitFor();
  await contacts.goto('/contacts/not-a-number');
  await contacts.page.getByRole('heading', { name: 'Контакт не найден' }).waitFor();
  assert.deepEqual(contacts.errors, []);
});

test('an e-mail opens the card too', async () => {
  await contacts.goto('/');
  await contacts.waitForCounts(COUNT, expected);
  const email = contacts.table().locator('.vcell a.card-link[title*="@"]').first();
  const address = await email.textContent();
  await email.click();
  await contacts.page.waitForURL(/\/contacts\/\d+$/);
  await contacts.page.getByText(address, { exact: true }).first().waitFor();
});

test('«+N» expands the full list of groups, and a group opens its «Подписчики»', async () => {
  await contacts.goto('/');
  await contacts.waitForCounts(COUNT, expected);
  const more = contacts.table().getByRole('button', { name: /^\+\d+$/ }).first();
  const extra = Number((await more.textContent()).slice(1));
  await more.click();
  assert.equal(await more.getAttribute('aria-expanded'), 'true');
  const list = contacts.table().getByRole('list', { name: 'Все группы контакта' });
  assert.equal(await list.getByRole('link').count(), extra + 1);

  const group = list.getByRole('link').last();
  const groupName = await group.textContent();
  const href = await group.getAttribute('href');
  const id = Number(/^\/groups\/(\d+)$/.exec(href)[1]);
  await group.click();
  await contacts.page.waitForURL(`**${href}`);
  await contacts.page.getByRole('heading', { level: 1, name: 'Подписчики' }).waitFor();
  await contacts.page.getByText(groupName, { exact: true }).first().waitFor();
  const members = await coreCount(COUNT, `1~g:${id}`);
  await contacts.page.getByTestId('members').filter({ hasText: `Подписчиков: ${members}` }).waitFor();
  await contacts.columnHeader('Дата подписки', 'Подписчики').waitFor();
  assert.ok((await contacts.bodyRows('Подписчики').count()) > 0);

  await contacts.goto('/groups/424242');
  await contacts.page.getByText('Группа не найдена').waitFor();
  assert.deepEqual(contacts.errors, []);
});

test('«Вид» hides a column and the choice survives a reload', async () => {
  await contacts.goto('/');
  await contacts.waitForCounts(COUNT, expected);
  await contacts.columnHeader('Телефон').waitFor();
  await contacts.page.getByRole('button', { name: 'Вид', exact: true }).click();
  const dialog = contacts.page.getByRole('dialog', { name: 'Видимые поля' });
  await dialog.getByRole('checkbox', { name: 'Телефон', exact: true }).uncheck();
  await dialog.getByRole('checkbox', { name: 'Дата рождения', exact: true }).check();
  await dialog.getByRole('button', { name: 'Готово' }).click();
  await contacts.columnHeader('Телефон').waitFor({ state: 'detached' });
  await contacts.columnHeader('Дата рождения').waitFor();

  await contacts.page.reload();
  await contacts.waitForCounts(COUNT, expected);
  await contacts.columnHeader('Дата рождения').waitFor();
  assert.equal(await contacts.columnHeader('Телефон').count(), 0);
  assert.deepEqual(contacts.errors, []);
});

test('a malformed ?f= shows why, applies no filter, and the page still works', async () => {
  await contacts.goto('/?f=1~zzz:eq:1');
  await contacts.waitForCounts(COUNT, COUNT);
  await contacts.page.getByRole('alert').filter({ hasText: 'Фильтр в адресе повреждён' }).waitFor();
  await contacts.page.getByRole('alert').filter({ hasText: 'нет поля «zzz»' }).waitFor();
  assert.ok((await contacts.bodyRows().count()) > 10);

  await contacts.addCondition('Баллы', 'больше', ['100']);
  const points = await coreCount(COUNT, '1~points:gt:100');
  await contacts.waitForCounts(COUNT, points);
  assert.equal(await contacts.page.getByText('Фильтр в адресе повреждён').count(), 0);
  assert.deepEqual(contacts.errors, []);
});
