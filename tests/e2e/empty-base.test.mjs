// An empty base (SPEC §3, issue 4): the empty state offers «Создать контакт» and «Импорт»
// (links to their pages) and «Загрузить демо-данные», which writes the generated base
// with a progress bar into IndexedDB, where a reload finds it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ContactsPage } from './support/contacts-page.mjs';
import { useServerAndBrowser } from './support/session.mjs';

const session = useServerAndBrowser();

test('an empty base shows «Всего: 0» and what the user can do', async () => {
  const contacts = await ContactsPage.open(session.browser.context, session.server.url);
  const { page } = contacts;
  assert.equal(await contacts.title(), 'Контакты');
  await contacts.waitForCounts(0, 0);
  await page.getByRole('heading', { name: 'В базе пока нет контактов' }).waitFor();
  const create = page.getByRole('link', { name: 'Создать контакт', exact: true });
  assert.equal(await create.getAttribute('href'), '/contacts/new');
  const importLink = page.getByRole('link', { name: 'Импорт', exact: true });
  assert.equal(await importLink.getAttribute('href'), '/import');
  const count = page.getByRole('spinbutton', { name: 'Количество контактов' });
  assert.equal(await count.inputValue(), '10000');
  assert.equal(await count.getAttribute('min'), '1');
  assert.equal(await count.getAttribute('max'), '1000000');
  assert.deepEqual(contacts.errors, []);
  await contacts.close();
});

test('«Загрузить демо-данные» writes the chosen number of contacts with a progress bar', async () => {
  const contacts = await ContactsPage.open(session.browser.context, session.server.url);
  const { page } = contacts;
  await contacts.waitForCounts(0);
  await page.getByRole('spinbutton', { name: 'Количество контактов' }).fill('12000');
  const progressSeen = page
    .locator('progress')
    .waitFor({ timeout: 10_000 })
    .then(() => true, () => false);
  await page.getByRole('button', { name: 'Загрузить демо-данные' }).click();
  await contacts.waitForCounts(12000, 12000);
  assert.equal(await progressSeen, true, 'a progress bar is shown while writing');
  assert.ok((await contacts.bodyRows().count()) > 5, 'the table shows rows');

  await page.reload();
  await contacts.waitForCounts(12000, 12000);
  assert.deepEqual(contacts.errors, []);
  await contacts.close();
});

test('?demo=N does nothing once the base has contacts', async () => {
  const contacts = await ContactsPage.open(session.browser.context, session.server.url, '?demo=2500');
  await contacts.waitForCounts(12000, 12000);
  assert.deepEqual(contacts.errors, []);
  await contacts.close();
});
