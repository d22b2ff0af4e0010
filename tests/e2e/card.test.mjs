// «Создать контакт», the card's edit and personal-data erasure (SPEC §5, §7, issue 5) on 30 demo
// contacts: a bad e-mail is shown next to its field and saves nothing; a good contact is saved
// and its card opens; a known e-mail is flagged with a link to that card; «Редактировать» writes
// a history line; «Удалить персональные данные» leaves none of the person's values in the page
// or anywhere in IndexedDB (every record of every store, the outbox included, read from the test),
// and typing the erased e-mail again is flagged.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ContactsPage } from './support/contacts-page.mjs';
import { useServerAndBrowser } from './support/session.mjs';

const COUNT = 30;
const NEW_ID = COUNT + 1;
const LAST = 'Тестова';
const FIRST = 'Ирина';
const RENAMED = 'Ирэна';
const EMAIL = 'irina.testova@example.org';
const PHONE = '+7 (912) 345-67-89';
const PHONE_E164 = '+79123456789';

let contacts;

const session = useServerAndBrowser(async ({ browser, server }) => {
  contacts = await ContactsPage.open(browser.context, server.url, `?demo=${COUNT}`);
  await contacts.page.setViewportSize({ width: 1400, height: 900 });
  await contacts.waitForCounts(COUNT, COUNT);
});

/** Opens «Создать контакт» and waits for its form. */
async function openNewContact() {
  await contacts.goto('/contacts/new');
  await contacts.page.getByRole('heading', { name: 'Создать контакт' }).waitFor();
  await contacts.page.getByLabel('E-mail', { exact: true }).waitFor({ timeout: 30_000 });
}

/** Every stored byte sequence of the app's IndexedDB that contains the UTF-8 of a needle. */
async function storedHits(needles) {
  return contacts.page.evaluate(async (texts) => {
    const open = indexedDB.open('contacts');
    const db = await new Promise((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const encoder = new TextEncoder();
    const chunks = [];
    const collect = (value) => {
      if (value === null || value === undefined) return;
      if (typeof value === 'string') chunks.push(encoder.encode(value));
      else if (value instanceof ArrayBuffer) chunks.push(new Uint8Array(value));
      else if (ArrayBuffer.isView(value)) {
        chunks.push(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
      } else if (Array.isArray(value)) value.forEach(collect);
      else if (typeof value === 'object') Object.values(value).forEach(collect);
      else chunks.push(encoder.encode(String(value)));
    };
    const records = {};
    for (const name of db.objectStoreNames) {
      const store = db.transaction(name).objectStore(name);
      const [values, keys] = await Promise.all(
        [store.getAll(), store.getAllKeys()].map(
          (request) => new Promise((resolve) => (request.onsuccess = () => resolve(request.result))),
        ),
      );
      records[name] = values.length;
      const from = chunks.length;
      collect(values);
      collect(keys);
      for (let i = from; i < chunks.length; i += 1) chunks[i].store = name;
    }
    db.close();
    const contains = (hay, needle) => {
      outer: for (let i = 0; i + needle.length <= hay.length; i += 1) {
        for (let j = 0; j < needle.length; j += 1) if (hay[i + j] !== needle[j]) continue outer;
        return true;
      }
      return false;
    };
    const hits = [];
    for (const text of texts) {
      const needle = encoder.encode(text);
      for (const chunk of chunks) {
        if (contains(chunk, needle)) hits.push(`${text} in ${chunk.store}`);
      }
    }
    return { hits, records };
  }, needles);
}

test('a bad e-mail is shown next to its field and nothing is saved', async () => {
  const page = contacts.page;
  await openNewContact();
  await page.getByLabel('Фамилия', { exact: true }).fill(LAST);
  await page.getByLabel('Имя', { exact: true }).fill(FIRST);
  const email = page.getByLabel('E-mail', { exact: true });
  await email.fill('irina@');
  await page.getByRole('button', { name: 'Создать', exact: true }).click();
  const error = page.locator('#field-email-error');
  await error.waitFor();
  assert.match(await error.textContent(), /неверный адрес e-mail/);
  assert.equal(await error.getAttribute('role'), 'alert');
  assert.equal(await email.getAttribute('aria-describedby'), 'field-email-error');
  assert.equal(await email.getAttribute('aria-invalid'), 'true');
  assert.match(page.url(), /\/contacts\/new$/);
  await contacts.goto('/');
  await contacts.waitForCounts(COUNT);
  assert.equal(await contacts.total(), COUNT);
});

test('a good contact is saved and its card opens; a known e-mail is flagged', async () => {
  const page = contacts.page;
  await openNewContact();
  await page.getByLabel('Фамилия', { exact: true }).fill(LAST);
  await page.getByLabel('Имя', { exact: true }).fill(FIRST);
  await page.getByLabel('E-mail', { exact: true }).fill(EMAIL);
  await page.getByLabel('Телефон', { exact: true }).fill(PHONE);
  await page.getByRole('button', { name: 'Создать', exact: true }).click();
  const anyway = page.getByRole('button', { name: 'Всё равно создать' });
  await Promise.race([
    page.waitForURL(`**/contacts/${NEW_ID}`, { timeout: 30_000 }),
    anyway.waitFor({ timeout: 30_000 }).then(() => anyway.click()),
  ]);
  await page.waitForURL(`**/contacts/${NEW_ID}`, { timeout: 30_000 });
  await page.getByRole('heading', { level: 1, name: `${LAST} ${FIRST}` }).waitFor();
  await page.getByText('Контакт создан (источник: вручную)').waitFor();
  const body = await page.locator('main').innerText();
  assert.ok(body.includes(EMAIL), 'the card shows the e-mail');

  await openNewContact();
  await page.getByLabel('E-mail', { exact: true }).fill(EMAIL.toUpperCase());
  await page.getByRole('button', { name: 'Создать', exact: true }).click();
  const warning = page.getByRole('alert', { name: 'Похожие контакты' });
  await warning.waitFor();
  assert.match(await warning.innerText(), /Контакт с таким e-mail уже есть/);
  assert.equal(
    await warning.getByRole('link', { name: `${LAST} ${FIRST}` }).getAttribute('href'),
    `/contacts/${NEW_ID}`,
  );
  await contacts.goto('/');
  await contacts.waitForCounts(COUNT + 1);
});

test('an edit from the card is saved and its history line shown', async () => {
  const page = contacts.page;
  await contacts.goto(`/contacts/${NEW_ID}`);
  await page.getByRole('button', { name: 'Действия с контактом' }).click();
  await page.getByRole('menuitem', { name: 'Редактировать' }).click();
  const first = page.getByLabel('Имя', { exact: true });
  assert.equal(await first.inputValue(), FIRST);
  await first.fill(RENAMED);
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await page.getByRole('heading', { level: 1, name: `${LAST} ${RENAMED}` }).waitFor();
  await page.getByText(`Изменено поле «Имя»: «${FIRST}» → «${RENAMED}»`).waitFor();
  const line = await page.locator('.history li', { hasText: 'Изменено поле «Имя»' }).innerText();
  assert.match(line, /\d\d\.\d\d\.\d{4} \d\d:\d\d/, 'with its time');

  await page.getByRole('button', { name: 'Действия с контактом' }).click();
  await page.getByRole('menuitem', { name: 'Редактировать' }).click();
  await page.getByLabel('Дата первой регистрации', { exact: true }).fill('31.02.2024');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await page.locator('#field-registered_at-error').waitFor();
  await page.getByRole('button', { name: 'Отмена' }).click();
  await page.getByRole('heading', { level: 1, name: `${LAST} ${RENAMED}` }).waitFor();
});

test('erasing personal data leaves none of them in the page or in IndexedDB', async () => {
  const page = contacts.page;
  const values = [LAST, FIRST, RENAMED, EMAIL, PHONE, PHONE_E164];
  const before = await storedHits(values);
  assert.ok(before.hits.length > 0, 'the values are stored before the erasure');
  await contacts.goto(`/contacts/${NEW_ID}`);
  await page.getByRole('button', { name: 'Действия с контактом' }).click();
  await page.getByRole('menuitem', { name: 'Удалить персональные данные' }).click();
  const dialog = page.getByRole('dialog', { name: 'Удалить персональные данные' });
  const warning = await dialog.innerText();
  for (const part of ['личные поля', 'всех групп', 'история', 'не существует', 'нельзя отменить']) {
    assert.ok(warning.includes(part), `the dialog says «${part}»`);
  }
  await dialog.getByRole('button', { name: 'Удалить персональные данные' }).click();
  await page.getByText('Персональные данные удалены').waitFor({ timeout: 30_000 });
  const text = await page.locator('body').innerText();
  for (const value of values) assert.ok(!text.includes(value), `«${value}» is gone from the page`);
  const after = await storedHits(values);
  assert.ok(after.records.outbox > 0, 'the outbox still holds the changes');
  assert.deepEqual(after.hits, []);

  await contacts.goto(`/contacts/${NEW_ID}`);
  await page.getByText('Персональные данные удалены').waitFor({ timeout: 30_000 });
  const reloaded = await page.locator('body').innerText();
  for (const value of values) assert.ok(!reloaded.includes(value), `«${value}» stays gone`);
  assert.deepEqual(contacts.errors, []);
});

test('re-entering an erased person is flagged before anything is saved', async () => {
  const page = contacts.page;
  await openNewContact();
  await page.getByLabel('E-mail', { exact: true }).fill(EMAIL);
  await page.getByRole('button', { name: 'Создать', exact: true }).click();
  const warning = page.getByRole('alert', { name: 'Похожие контакты' });
  await warning.getByText('Этот человек просил удалить его персональные данные.').waitFor();
  assert.match(page.url(), /\/contacts\/new$/);
  await contacts.goto('/');
  await contacts.waitForCounts(COUNT + 1);
  assert.deepEqual(contacts.errors, []);
});
