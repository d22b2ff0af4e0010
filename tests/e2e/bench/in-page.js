// The in-page half of the browser benchmark (browser-bench.mjs injects it into the Contacts
// page and calls `window.contactsBench`). Plain browser JavaScript, no imports.
//
// - filter(): the app's wasm filter (the `bench_filter` export, src/bench.rs) against the same
//   filter written by hand in JavaScript over plain objects holding the same contacts, timed by
//   the same code: medians of interleaved timed samples after warm-up.
// - markInteractive(): records when the contacts table is first interactive after a load.
// - scroll(): scrolls the virtual table from top to bottom and reports the frame times.
(() => {
  /** The virtual table: the scroll container, whose body rows hold `role="cell"` elements. */
  const TABLE = '[role="table"]';
  /** The filter: the two largest groups, city Москва or Санкт-Петербург, paid more than
   * 1 000 ₽, e-mail status «активен» — the conditions of the native benchmark. */
  const CITIES = ['Москва', 'Санкт-Петербург'];
  const PAID_OVER_RUB = 1000;
  const STATUS_LABEL = 'активен';
  const STATUS = 'active';

  /** Case-insensitive matching with ё = е, as the app's core folds text. */
  function fold(text) {
    return text.trim().toLowerCase().replaceAll('ё', 'е');
  }

  /**
   * The JavaScript peer: what a developer would write over the contacts as parsed from JSON.
   * Group membership (any status), folded city equality, money compared in kopecks, status
   * equality; returns the matching contacts.
   */
  function filterContacts(contacts, { groups, cities, paidOverKopecks, status }) {
    const groupSet = new Set(groups);
    const citySet = new Set(cities.map(fold));
    return contacts.filter(
      (c) =>
        c.memberships.some((m) => groupSet.has(m.group)) &&
        citySet.has(fold(c.billing.city)) &&
        c.paid_total !== null &&
        c.paid_total.minor > paidOverKopecks &&
        c.status === status,
    );
  }

  /**
   * The same filter with the cities folded ahead of time (`foldedCities[i]` for `contacts[i]`),
   * as the wasm engine folds its text columns once: the JavaScript peer given the same head start.
   */
  function filterPrefolded(contacts, foldedCities, { groups, cities, paidOverKopecks, status }) {
    const groupSet = new Set(groups);
    const citySet = new Set(cities.map(fold));
    const out = [];
    for (let i = 0; i < contacts.length; i++) {
      const c = contacts[i];
      if (
        c.memberships.some((m) => groupSet.has(m.group)) &&
        citySet.has(foldedCities[i]) &&
        c.paid_total !== null &&
        c.paid_total.minor > paidOverKopecks &&
        c.status === status
      ) {
        out.push(c);
      }
    }
    return out;
  }

  /** The ids of the two groups with the most members, ties to the lower id. */
  function largestGroups(base) {
    const members = new Map(base.groups.map((g) => [g.id, 0]));
    for (const c of base.contacts) {
      for (const m of c.memberships) members.set(m.group, (members.get(m.group) ?? 0) + 1);
    }
    const sorted = [...members].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    return [sorted[0][0], sorted[1][0]];
  }

  /** The least a timed sample lasts: performance.now() is coarsened to 0.1 ms on this page. */
  const SAMPLE_MS = 20;

  function elapsed(run) {
    const start = performance.now();
    const result = run();
    return { ms: performance.now() - start, result };
  }

  /** The mean ms of one call of `run` over `repeat` back-to-back calls. */
  function sample(run, repeat) {
    const start = performance.now();
    for (let i = 0; i < repeat; i++) run();
    return (performance.now() - start) / repeat;
  }

  function median(values) {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
  }

  /**
   * Fetches the base as JSON (the JavaScript side's data), has the wasm generate the same base,
   * checks all filters agree, then times them: `warmup` untimed runs each, then `runs`
   * interleaved timed samples each, a sample repeating a side's filter for at least
   * SAMPLE_MS. Returns the median of each side's samples; data preparation is never timed.
   */
  async function filter({ jsonUrl, count, seed, warmup, runs }) {
    const wasm = window.wasmBindings;
    const base = await (await fetch(jsonUrl)).json();
    const prepared = wasm.bench_prepare(count, seed);
    if (prepared !== base.contacts.length) {
      throw new Error(`wasm holds ${prepared} contacts, the JSON ${base.contacts.length}`);
    }
    const groups = largestGroups(base);
    const text =
      `1~g:${groups.join(',')}~billing.city:eq:${CITIES.join(',')}` +
      `~paid_total:gt:${PAID_OVER_RUB}~status:eq:${STATUS_LABEL}`;
    const query = { groups, cities: CITIES, paidOverKopecks: PAID_OVER_RUB * 100, status: STATUS };
    const foldedCities = base.contacts.map((c) => fold(c.billing.city));

    const sides = {
      wasm: () => wasm.bench_filter(text),
      js: () => filterContacts(base.contacts, query).length,
      jsPrefolded: () => filterPrefolded(base.contacts, foldedCities, query).length,
    };
    // The first wasm run also builds the scan columns it needs.
    const first = elapsed(sides.wasm);
    const matches = first.result;
    const repeats = {};
    for (const [side, run] of Object.entries(sides)) {
      const got = run();
      if (got !== matches) throw new Error(`${side} finds ${got} contacts, wasm ${matches}`);
      for (let i = 1; i < warmup; i++) run();
      repeats[side] = Math.ceil(SAMPLE_MS / Math.max(elapsed(run).ms, 0.1));
    }
    const times = Object.fromEntries(Object.keys(sides).map((side) => [side, []]));
    for (let i = 0; i < runs; i++) {
      for (const [side, run] of Object.entries(sides)) {
        times[side].push(sample(run, repeats[side]));
      }
    }
    return {
      matches,
      repeats,
      wasmFirstMs: first.ms,
      wasmMs: median(times.wasm),
      jsMs: median(times.js),
      jsPrefoldedMs: median(times.jsPrefolded),
    };
  }

  /**
   * Call at document start: sets `window.contactsBenchInteractiveMs` to the time since
   * navigation start at which the page first shows «Всего: `total`» with table rows and the
   * frame that paints them has been rendered, so the main thread is free for input; and
   * `window.contactsBenchStartedMs` to when the wasm had been instantiated and mounted the app
   * (Trunk's `TrunkApplicationStarted` event), before the base is read.
   */
  function markInteractive(total) {
    addEventListener('TrunkApplicationStarted', () => {
      window.contactsBenchStartedMs = performance.now();
    });
    const expected = `Всего: ${total}`;
    function check() {
      const shown = document.querySelector('[data-testid="total"]')?.textContent.trim();
      if (shown === expected && document.querySelector(`${TABLE} [role="cell"]`)) {
        // A message posted during this frame is handled once the frame has been rendered.
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          window.contactsBenchInteractiveMs = performance.now();
        };
        channel.port2.postMessage(null);
      } else {
        requestAnimationFrame(check);
      }
    }
    requestAnimationFrame(check);
  }

  /**
   * Scrolls the table from top to bottom, `pxPerFrame` pixels each animation frame, and returns
   * `frames`, the times between frame starts in ms (at 60 Hz an on-time frame is 16.7 ms), and
   * `scripts`, the app's work per scroll event in ms: from the event's dispatch until the
   * table's own handler and the re-render it triggers have run (a listener added after the
   * app's runs once the app's listener and its microtasks are done).
   */
  function scroll(pxPerFrame) {
    const scroller = document.querySelector(TABLE);
    if (!scroller) throw new Error(`no ${TABLE} on the page`);
    scroller.scrollTop = 0;
    const scripts = [];
    let dispatched = 0;
    const onDispatch = () => {
      dispatched = performance.now();
    };
    const onHandled = () => scripts.push(performance.now() - dispatched);
    window.addEventListener('scroll', onDispatch, { capture: true });
    scroller.addEventListener('scroll', onHandled);
    return new Promise((resolve) => {
      const frames = [];
      let last = null;
      function step(now) {
        if (last !== null) frames.push(now - last);
        last = now;
        const bottom = scroller.scrollHeight - scroller.clientHeight;
        if (scroller.scrollTop >= bottom) {
          window.removeEventListener('scroll', onDispatch, { capture: true });
          scroller.removeEventListener('scroll', onHandled);
          resolve({ frames, scripts, scrollHeight: scroller.scrollHeight });
          return;
        }
        scroller.scrollTop = Math.min(bottom, scroller.scrollTop + pxPerFrame);
        requestAnimationFrame(step);
      }
      requestAnimationFrame(step);
    });
  }

  window.contactsBench = { filter, markInteractive, scroll };
})();
