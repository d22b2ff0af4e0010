// Page object of the Contacts page: finds things by their visible Russian text.

/** The Contacts page in one browser tab; page errors are collected in `errors`. */
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

  /** Opens a new tab on the Contacts page, e.g. `open(context, url, '?demo=2500')`. */
  static async open(context, baseUrl, query = '') {
    const contacts = new ContactsPage(await context.newPage(), baseUrl);
    await contacts.page.goto(`${baseUrl}/${query}`);
    return contacts;
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

  /** Closes the tab. */
  close() {
    return this.page.close();
  }
}
