// «Группы» (SPEC §3, issue 5) on 50 demo contacts: create a group in a category (a name taken
// in another case is refused), rename it, move it to another category, delete groups — the
// question says how many members leave — and create and delete a category.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ContactsPage } from './support/contacts-page.mjs';
import { useServerAndBrowser } from './support/session.mjs';

const COUNT = 50;
const GROUP = 'Тестовая группа';
const RENAMED = 'Переименованная группа';
const CATEGORY = 'Тестовая категория';

let contacts;

const session = useServerAndBrowser(async ({ browser, server }) => {
  contacts = await ContactsPage.open(browser.context, server.url, `?demo=${COUNT}`);
  await contacts.page.setViewportSize({ width: 1400, height: 900 });
  await contacts.waitForCounts(COUNT, COUNT);
  await contacts.page.getByRole('link', { name: 'Группы', exact: true }).click();
  await contacts.page.getByRole('heading', { level: 1, name: 'Группы' }).waitFor();
  await contacts.page.locator('.groups-page__category').first().waitFor({ timeout: 30_000 });
});

/** The list item of group `name`. */
function groupRow(name) {
  const page = contacts.page;
  return page.locator('li.groups-page__group', {
    has: page.getByRole('link', { name, exact: true }),
  });
}

/** Fills the open dialog's «Название» with `name` and presses its button `confirm`. */
async function nameDialog(title, name, confirm) {
  const dialog = contacts.page.getByRole('dialog', { name: title });
  await dialog.getByLabel('Название').fill(name);
  await dialog.getByRole('button', { name: confirm, exact: true }).click();
  return dialog;
}

test('a group is created, a taken name refused, renamed and moved', async () => {
  const page = contacts.page;
  const categories = page.locator('.groups-page__category');
  assert.ok((await categories.count()) >= 2, 'the demo base has two categories or more');
  const first = categories.nth(0);
  const second = categories.nth(1);
  const secondName = (await second.locator('h2').innerText()).trim();

  await first.getByRole('button', { name: 'Создать группу' }).click();
  await nameDialog('Новая группа', GROUP, 'Создать');
  await first.locator('li.groups-page__group', { hasText: GROUP }).waitFor();
  assert.match(await groupRow(GROUP).innerText(), /Контактов: 0/);

  await second.getByRole('button', { name: 'Создать группу' }).click();
  const dialog = await nameDialog('Новая группа', ` ${GROUP.toUpperCase()} `, 'Создать');
  await dialog.getByRole('alert').filter({ hasText: `Название «${GROUP}» уже занято` }).waitFor();
  await dialog.getByRole('button', { name: 'Отмена' }).click();
  assert.equal(await page.getByRole('link', { name: GROUP, exact: true }).count(), 1);

  await groupRow(GROUP).getByRole('button', { name: 'Переименовать' }).click();
  await nameDialog('Переименовать группу', RENAMED, 'Переименовать');
  await groupRow(RENAMED).waitFor();
  assert.equal(await page.getByRole('link', { name: GROUP, exact: true }).count(), 0);

  await groupRow(RENAMED)
    .getByLabel(`Категория группы «${RENAMED}»`)
    .selectOption({ label: secondName });
  await second.locator('li.groups-page__group', { hasText: RENAMED }).waitFor();
  assert.equal(await first.locator('li.groups-page__group', { hasText: RENAMED }).count(), 0);
});

test('deleting a group says how many members leave it', async () => {
  const page = contacts.page;
  const rows = page.locator('li.groups-page__group');
  let target;
  let members = 0;
  for (let i = 0; i < (await rows.count()); i += 1) {
    const found = /Контактов: (\d+)/.exec(await rows.nth(i).innerText());
    if (Number(found[1]) > 0) {
      target = (await rows.nth(i).getByRole('link').innerText()).trim();
      members = Number(found[1]);
      break;
    }
  }
  assert.ok(target, 'a demo group has members');
  await groupRow(target).getByRole('button', { name: 'Удалить' }).click();
  const dialog = page.getByRole('dialog', { name: 'Удалить группу' });
  assert.match(await dialog.innerText(), new RegExp(`В ней контактов: ${members} —`));
  await dialog.getByRole('button', { name: 'Удалить', exact: true }).click();
  await groupRow(target).waitFor({ state: 'detached' });

  await groupRow(RENAMED).getByRole('button', { name: 'Удалить' }).click();
  assert.match(await dialog.innerText(), /В ней нет контактов/);
  await dialog.getByRole('button', { name: 'Удалить', exact: true }).click();
  await groupRow(RENAMED).waitFor({ state: 'detached' });
});

test('a category is created and deleted', async () => {
  const page = contacts.page;
  await page.getByRole('button', { name: 'Создать категорию' }).click();
  await nameDialog('Новая категория', CATEGORY, 'Создать');
  const section = page.getByRole('region', { name: `Категория «${CATEGORY}»` });
  await section.waitFor();
  await section.getByRole('button', { name: 'Удалить категорию' }).click();
  const dialog = page.getByRole('dialog', { name: 'Удалить категорию' });
  assert.match(await dialog.innerText(), /В ней нет групп/);
  await dialog.getByRole('button', { name: 'Удалить', exact: true }).click();
  await section.waitFor({ state: 'detached' });
  await page.reload();
  await page.locator('.groups-page__category').first().waitFor({ timeout: 30_000 });
  assert.equal(await page.getByRole('region', { name: `Категория «${CATEGORY}»` }).count(), 0);
  assert.deepEqual(contacts.errors, []);
});
