// The Contacts page served by the real server shows «Всего: N» for the generated demo base.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser } from './support/browser.mjs';
import { ContactsPage } from './support/contacts-page.mjs';
import { startServer } from './support/server.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('?demo=2500 shows «Всего: 2500» under the title «Контакты»', async () => {
  const contacts = await ContactsPage.open(browser.context, server.url, '?demo=2500');
  assert.equal(await contacts.title(), 'Контакты');
  assert.equal(await contacts.total(), 2500);
  assert.deepEqual(contacts.errors, []);
  await contacts.close();
});

test('without ?demo the page shows the default «Всего: 1000»', async () => {
  const contacts = await ContactsPage.open(browser.context, server.url);
  assert.equal(await contacts.title(), 'Контакты');
  assert.equal(await contacts.total(), 1000);
  assert.deepEqual(contacts.errors, []);
  await contacts.close();
});
