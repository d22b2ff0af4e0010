// Page object of the Contacts app: finds controls by their visible Russian labels and roles.

/** The Contacts app in one browser tab; page errors are collected in `errors`. */
export class ContactsPage {
  /** @param {import('playwright-core').Page} page */
  constructor(page, baseUrl) {
    this.page = page;
    this.baseUrl = baseUrl;
    /** Uncaught exceptions and console errors seen on the page. */
    this.errors = [];
    page.on('pageerror', (err) => this.errors.push(String(err)));
    page.on('console', (msg) => {
      if (msg.type() === 'error') this.errors.push(msg.text());
    });
  }

  /** Opens a new tab at `path` (default the Contacts page), e.g. `open(context, url, '?demo=2500')`. */
  static async open(context, baseUrl, path = '') {
    const contacts = new ContactsPage(await context.newPage(), baseUrl);
    await contacts.goto(path);
    return contacts;
  }

  /** Navigates this tab to `path` under the server, e.g. `/contacts/5` or `?demo=10`. */
  async goto(path = '') {
    const suffix = path.startsWith('/') ? path : `/${path}`;
    await this.page.goto(`${this.baseUrl}${suffix}`);
  }

  /** The document title. */
  title() {
    return this.page.title();
  }

  /** The number after «Всего:», once the app has rendered it. */
  async total() {
    const text = await this.page.getByText(/Всего: \d+/).textContent({ timeout: 30_000 });
    return Number(/Всего: (\d+)/.exec(text)[1]);
  }

  /** The number after «Найдено:», once the base is loaded. */
  async matched() {
    const text = await this.page
      .getByTestId('matched')
      .filter({ hasText: /Найдено: \d+/ })
      .textContent({ timeout: 30_000 });
    return Number(/Найдено: (\d+)/.exec(text)[1]);
  }

  /** Waits until «Всего» (and «Найдено», if given) show these numbers. */
  async waitForCounts(total, matched) {
    await this.page
      .getByTestId('total')
      .filter({ hasText: new RegExp(`^Всего: ${total}$`) })
      .waitFor({ timeout: 60_000 });
    if (matched !== undefined) {
      await this.page
        .getByTestId('matched')
        .filter({ hasText: new RegExp(`^Найдено: ${matched}$`) })
        .waitFor({ timeout: 30_000 });
    }
  }

  /** Waits until «Найдено» drops below `n` (a filter edit has applied) and gives it. */
  async matchedBelow(n) {
    await this.page.waitForFunction(
      (limit) => {
        const text = document.querySelector('[data-testid=matched]')?.textContent ?? '';
        const found = /Найдено: (\d+)/.exec(text);
        return found && Number(found[1]) < limit;
      },
      n,
      { timeout: 30_000 },
    );
    return this.matched();
  }

  /** The filter text in the URL's `f` parameter, decoded; `null` when there is none. */
  urlFilter() {
    return new URL(this.page.url()).searchParams.get('f');
  }

  /** The browser's time zone in minutes east of UTC, as the app reads it. */
  utcOffsetMinutes() {
    return this.page.evaluate(() => -new Date().getTimezoneOffset());
  }

  /** The contacts table (or the «Подписчики» one). */
  table(name = 'Контакты') {
    return this.page.getByRole('table', { name });
  }

  /** The rows of contacts currently in the DOM (not the header row). */
  bodyRows(name = 'Контакты') {
    return this.table(name).locator('.vtable__body [role=row]');
  }

  /** A column header by its exact label. */
  columnHeader(label, table = 'Контакты') {
    return this.table(table).getByRole('columnheader', { name: label, exact: true });
  }

  /** Opens the «Фильтр» panel (if closed) and gives its region. */
  async openFilter() {
    const button = this.page.getByRole('button', { name: /^Фильтр( \d+)?$/ });
    if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
    return this.page.getByRole('region', { name: 'Фильтр' });
  }

  /** Condition row `n` (from 1) of the filter panel. */
  condition(n) {
    return this.page.getByRole('group', { name: `Условие ${n}`, exact: true });
  }

  /**
   * Adds a condition through the panel: picks `field` and `match` by their labels and types (or
   * selects) `values`, using «+» for every value after the first.
   */
  async addCondition(field, match, values) {
    const panel = await this.openFilter();
    await panel.getByRole('button', { name: 'Добавить условие' }).click();
    const n = await panel.getByRole('group', { name: /^Условие \d+$/ }).count();
    const row = this.condition(n);
    await row.getByRole('combobox', { name: 'Поле' }).selectOption({ label: field });
    await row.getByRole('combobox', { name: 'Сравнение' }).selectOption({ label: match });
    for (const [i, value] of values.entries()) {
      if (i > 0) await row.getByRole('button', { name: 'Добавить значение' }).click();
      const box = row.getByLabel('Значение', { exact: true }).nth(i);
      if ((await box.evaluate((el) => el.tagName)) === 'SELECT') {
        await box.selectOption({ label: value });
      } else {
        await box.fill(value);
      }
    }
    return row;
  }

  /** Closes the tab. */
  close() {
    return this.page.close();
  }
}
