// Frozen selection and bulk actions on 2 000 demo contacts (SPEC §6, issue 5): «Выбрать все по
// фильтру» freezes the ids, a later filter edit does not widen or narrow them, «Добавить в
// группу» → «В новую группу» adds exactly that set, «Отменить» takes it back, the selection
// survives a reload, «Редактировать» sets one field of exactly the selection, and with nothing
// selected the actions are disabled and say why.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ContactsPage } from './support/contacts-page.mjs';
import { useServerAndBrowser } from './support/session.mjs';

const COUNT = 2_000;
const GROUP = 'Акция октября';

let contacts;

const session = useServerAndBrowser(async ({ browser, server }) => {
  contacts = await ContactsPage.open(browser.context, server.url, `?demo=${COUNT}`);
  await contacts.page.setViewportSize({ width: 1400, height: 900 });
  await contacts.waitForCounts(COUNT, COUNT);
});

/** The number after «Выбрано:». */
async function selected() {
  const text = await contacts.page.getByTestId('selected').textContent();
  return Number(/Выбрано: (\d+)/.exec(text)[1]);
}

/** Waits until «Выбрано» shows `n`. */
async function waitForSelected(n) {
  await contacts.page
    .getByTestId('selected')
    .filter({ hasText: new RegExp(`^Выбрано: ${n}$`) })
    .waitFor({ timeout: 30_000 });
}

/** Opens ⚙ and chooses `item`; gives the dialog it opens. */
async function bulk(item) {
  const page = contacts.page;
  await page.getByRole('button', { name: 'Действия с выбранными' }).click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
  return page.getByRole('dialog', { name: item });
}

/** How many groups called `name` the app's IndexedDB holds (read from the test). */
async function storedGroups(name) {
  return contacts.page.evaluate(async (groupName) => {
    const open = indexedDB.open('contacts');
    const db = await new Promise((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const groups = await new Promise((resolve) => {
      const request = db.transaction('groups').objectStore('groups').getAll();
      request.onsuccess = () => resolve(request.result);
    });
    db.close();
    return groups.filter((g) => g.name === groupName).length;
  }, name);
}

test('with nothing selected the bulk actions are disabled and say why', async () => {
  const page = contacts.page;
  assert.equal(await selected(), 0);
  await page.getByRole('button', { name: 'Действия с выбранными' }).click();
  const menu = page.getByRole('menu', { name: 'Действия с выбранными' });
  await menu.getByText('Не выбрано ни одного контакта').waitFor();
  for (const item of ['Редактировать', 'Добавить в группу', 'Удалить контакты']) {
    assert.equal(await menu.getByRole('menuitem', { name: item }).isDisabled(), true, item);
  }
  await page.getByRole('button', { name: 'Действия с выбранными' }).click();
});

test('a frozen selection joins a new group exactly, and «Отменить» takes it back', async () => {
  const page = contacts.page;
  await contacts.addCondition('Город', 'соответствует', ['Москва']);
  const frozen = await contacts.matchedBelow(COUNT);
  assert.ok(frozen > 10 && frozen < COUNT, `a selective filter (${frozen})`);
  await page.getByRole('button', { name: `Выбрать все по фильтру (${frozen})` }).click();
  await waitForSelected(frozen);

  // A later filter edit changes what is found, not what is selected.
  await contacts.addCondition('Баллы', 'больше', ['100']);
  const narrower = await contacts.matchedBelow(frozen);
  assert.ok(narrower < frozen, `${narrower} < ${frozen}`);
  assert.equal(await selected(), frozen);

  const dialog = await bulk('Добавить в группу');
  await dialog.getByText(`Будет затронуто контактов: ${frozen}`).waitFor();
  await dialog.getByRole('combobox', { name: 'Группа' }).selectOption({ label: 'В новую группу' });
  await dialog.getByRole('textbox', { name: 'Название новой группы' }).fill(GROUP);
  await dialog.getByRole('button', { name: 'Добавить в контакты' }).click();
  await page.getByTestId('undo-what').waitFor({ timeout: 30_000 });
  assert.equal(await storedGroups(GROUP), 1, 'the group is stored');

  // The group's members, through the filter: exactly the frozen set.
  await page.getByRole('button', { name: 'Сбросить фильтр' }).click();
  await contacts.waitForCounts(COUNT, COUNT);
  const panel = await contacts.openFilter();
  await panel.getByRole('button', { name: /^Группы категории/ }).first().waitFor();
  for (const toggle of await panel.getByRole('button', { name: /^Группы категории/ }).all()) {
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  }
  await panel.getByRole('checkbox', { name: GROUP, exact: true }).check();
  await contacts.waitForCounts(COUNT, frozen);

  await page.getByRole('button', { name: 'Отменить', exact: true }).click();
  await contacts.waitForCounts(COUNT, 0);
  assert.equal(await selected(), frozen, 'undo leaves the selection as it was');
  assert.deepEqual(contacts.errors, []);
});

test('the selection survives a reload and clearing it is explicit', async () => {
  const page = contacts.page;
  const before = await selected();
  assert.ok(before > 0);
  await page.reload();
  await contacts.waitForCounts(COUNT);
  await waitForSelected(before);
  await page.getByRole('button', { name: 'Снять выделение' }).click();
  await waitForSelected(0);
});

test('ticking rows and «Редактировать» sets one field of exactly those contacts', async () => {
  const page = contacts.page;
  await (await contacts.openFilter()).getByRole('button', { name: 'Сбросить фильтр' }).click();
  await contacts.waitForCounts(COUNT, COUNT);

  // The header box ticks every row in view, and unticks them.
  const header = page.getByRole('checkbox', { name: 'Выбрать видимые строки' });
  await header.check();
  await waitForSelected(await contacts.bodyRows().count());
  await header.uncheck();
  await waitForSelected(0);

  const ticks = contacts.bodyRows().getByRole('checkbox');
  await ticks.nth(0).check();
  await ticks.nth(1).check();
  await ticks.nth(2).check();
  await waitForSelected(3);

  const dialog = await bulk('Редактировать');
  await dialog.getByText('Будет затронуто контактов: 3').waitFor();
  await dialog.getByRole('combobox', { name: 'Поле' }).selectOption({ label: 'Телефон' });
  await dialog.getByRole('textbox', { name: 'Новое значение' }).fill('не телефон');
  await dialog.getByRole('button', { name: 'Применить' }).click();
  await dialog.getByRole('alert').filter({ hasText: 'не номер телефона' }).waitFor();

  await dialog.getByRole('combobox', { name: 'Поле' }).selectOption({ label: 'Город' });
  await dialog.getByRole('textbox', { name: 'Новое значение' }).fill('Новокузнецк');
  await dialog.getByRole('button', { name: 'Применить' }).click();
  await page.getByTestId('undo-what').filter({ hasText: 'Редактировать (3)' }).waitFor();

  await contacts.addCondition('Город', 'соответствует', ['Новокузнецк']);
  await contacts.waitForCounts(COUNT, 3);
  await page.getByRole('button', { name: 'Отменить', exact: true }).click();
  await contacts.waitForCounts(COUNT, 0);
  assert.deepEqual(contacts.errors, []);
});

test('«Удалить контакты» removes exactly the selection after confirming the count', async () => {
  const page = contacts.page;
  await (await contacts.openFilter()).getByRole('button', { name: 'Сбросить фильтр' }).click();
  await contacts.waitForCounts(COUNT, COUNT);
  await page.getByRole('button', { name: 'Снять выделение' }).click();
  await waitForSelected(0);
  await contacts.bodyRows().getByRole('checkbox').nth(0).check();
  await contacts.bodyRows().getByRole('checkbox').nth(1).check();
  await waitForSelected(2);
  const dialog = await bulk('Удалить контакты');
  await dialog.getByText('Будет затронуто контактов: 2').waitFor();
  await dialog.getByRole('button', { name: 'Удалить контакты' }).click();
  await contacts.waitForCounts(COUNT - 2, COUNT - 2);
  await waitForSelected(0);
  await page.reload();
  await contacts.waitForCounts(COUNT - 2);
  await page.getByRole('button', { name: 'Отменить', exact: true }).waitFor({ state: 'detached' });
  assert.deepEqual(contacts.errors, []);
});
