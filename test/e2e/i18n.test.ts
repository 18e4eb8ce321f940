// End to end, the product in the user's language: a French sales manager switches the language
// picker to French, imports a French export (`;`, decimal comma, dd/mm/yyyy, French headers) and
// reads the top bar, the sources sidebar, the import dialog, the data table and the profile in
// French, with no English word left on screen. Then every screen is captured in each of the four
// languages (test/e2e/output/i18n-<lang>-<screen>.png) and checked for labels that overflow their
// box (German is long).
// Run `npx electron-vite build` first (or QD_OUT_DIR=out-<yours> with your own build).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGE_NAMES, LANGUAGES, messagesFor, type Language } from '../../shared/i18n';
import { startApp, type App } from './harness';

const DIALOG = '[data-testid="import-dialog"]';

/**
 * The namespaces of the screens this test reads: the shell, sources, import (with the engine's
 * detection reasons, warnings and progress steps), data, profile.
 */
const SCREEN_NAMESPACES = ['app', 'common', 'import', 'sources', 'table', 'profile', 'ui', 'roles', 'errors', 'detect', 'warnings', 'progress'];

const STAGES = ['Qualification', 'Proposition', 'Négociation', 'Gagné', 'Perdu'];
const REPS = ['Claire Martin', 'Hugo Bernard', 'Léa Dubois', 'Karim Haddad'];
const CLIENTS = ['Boulangeries Réunies', 'Transports Lefèvre', 'Cabinet Aubry', 'Mairie de Vienne', 'Optique Moreau'];

interface Deal {
  ref: string;
  amount: number;
  stage: string;
  created: string;
  closed: string;
}

/** 40 deals, deterministic: amounts with cents, dates on both sides of the 12th. */
function frenchDeals(): Deal[] {
  return Array.from({ length: 40 }, (_, i) => {
    const month = (i % 12) + 1;
    const day = ((i * 7) % 28) + 1;
    return {
      ref: `AF-${String(1001 + i)}`,
      amount: 1200 + ((i * 7919) % 48000) + (i % 4) * 0.25,
      stage: STAGES[i % STAGES.length]!,
      created: `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/2025`,
      closed: `${String(((day + 9) % 28) + 1).padStart(2, '0')}/${String(month).padStart(2, '0')}/2026`,
    };
  });
}

/** "12 500,25": the way French Excel writes an amount. */
function frenchAmount(n: number): string {
  const [int, dec] = n.toFixed(2).split('.') as [string, string];
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ' ')},${dec}`;
}

function frenchCsv(deals: Deal[]): string {
  const head = 'Référence;Affaire;Client;Commercial;Étape;Montant;Probabilité;Date de création;Date de clôture';
  const rows = deals.map((d, i) =>
    [d.ref, `Projet ${i + 1}`, CLIENTS[i % CLIENTS.length], REPS[i % REPS.length], d.stage, frenchAmount(d.amount), String((i % 9) * 10 + 10), d.created, d.closed].join(';'),
  );
  return `${[head, ...rows].join('\r\n')}\r\n`;
}

/** The words of a message's text, outside its ICU syntax (plural and select branches included). */
function wordsOf(elements: MessageFormatElement[], into: Set<string>): void {
  for (const e of elements) {
    if (e.type === TYPE.literal) for (const w of e.value.toLowerCase().match(/\p{L}+/gu) ?? []) into.add(w);
    if (e.type === TYPE.plural || e.type === TYPE.select) for (const o of Object.values(e.options)) wordsOf(o.value, into);
    if (e.type === TYPE.tag) wordsOf(e.children, into);
  }
}

function catalogWords(language: Language, namespaces: string[] | null): Set<string> {
  const words = new Set<string>();
  for (const [key, message] of Object.entries(messagesFor(language))) {
    if (namespaces && !namespaces.includes(key.split('.')[0]!)) continue;
    wordsOf(parse(message), words);
  }
  return words;
}

/**
 * The text a user reads on the page: the visible text (options of visible drop-downs included) and
 * the titles, labels and placeholders of elements. Content marked translate="no" (role ids, which
 * the command line and formulas use as they are) is left out.
 */
async function readableText(app: App): Promise<{ text: string; attributes: string[] }> {
  return app.page.evaluate(() => {
    type Node = { nodeValue: string | null; parentElement: Element | null };
    type Element = {
      tagName: string;
      getAttribute(n: string): string | null;
      closest(s: string): Element | null;
      checkVisibility(): boolean;
    };
    const doc = (globalThis as unknown as {
      document: {
        body: unknown;
        querySelectorAll(s: string): ArrayLike<Element>;
        createTreeWalker(root: unknown, what: number): { nextNode(): Node | null };
      };
    }).document;
    const texts: string[] = [];
    const walker = doc.createTreeWalker(doc.body, 4 /* NodeFilter.SHOW_TEXT */);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.nodeValue?.trim();
      if (!parent || !text || parent.closest('[translate="no"]')) continue;
      const select = parent.closest('select');
      if (select ? select.checkVisibility() : parent.checkVisibility()) texts.push(text);
    }
    const attributes: string[] = [];
    for (const el of Array.from(doc.querySelectorAll('[title], [aria-label], [placeholder], [alt]'))) {
      if (!el.checkVisibility() && !el.closest('select')?.checkVisibility()) continue;
      for (const name of ['title', 'aria-label', 'placeholder', 'alt']) {
        const v = el.getAttribute(name);
        if (v) attributes.push(v);
      }
    }
    return { text: texts.join('\n'), attributes };
  });
}

/**
 * Labels that do not fit: content wider than the element (cut or spilling out), or an element that
 * sticks out of the box that clips it (a panel, a dialog). The boxes made to scroll sideways (the
 * data grid, the import preview) are left out: what is beyond their edge is a scroll away.
 */
async function overflowing(app: App): Promise<string[]> {
  return app.page.evaluate(() => {
    type Rect = { left: number; right: number };
    type Box = {
      scrollWidth: number;
      clientWidth: number;
      checkVisibility(): boolean;
      textContent: string | null;
      className: string;
      tagName: string;
      parentElement: Box | null;
      closest(s: string): Box | null;
      matches(s: string): boolean;
      getBoundingClientRect(): Rect;
    };
    const win = globalThis as unknown as {
      document: { querySelectorAll(s: string): ArrayLike<Box> };
      getComputedStyle(el: Box): { overflowX: string };
    };
    const SCROLLERS = '.vtable-scroll, .import-preview';
    const selector = [
      'button',
      '[role="tab"]',
      'label',
      'th',
      'h1',
      'h2',
      'h3',
      '.role-chip',
      '.setting-state',
      '.tab-count',
      '.preset-pill',
      '.type-badge',
      '.field-label',
      '.setting-label',
      '.sidebar-section-title',
      '.import-warning-title',
      '.snapshot-button',
      '.running-pill',
      '.role-origin',
    ].join(', ');
    const clipper = (el: Box): Box | null => {
      for (let p = el.parentElement; p; p = p.parentElement) if (win.getComputedStyle(p).overflowX !== 'visible') return p;
      return null;
    };
    const describe = (el: Box) => `${el.tagName.toLowerCase()}.${el.className} “${(el.textContent ?? '').trim().slice(0, 60)}”`;
    const out: string[] = [];
    for (const el of Array.from(win.document.querySelectorAll(selector))) {
      if (!el.checkVisibility()) continue;
      // The data grid's headers are the user's column names, cut with an ellipsis by design.
      if (el.closest('.vtable')) continue;
      if (el.scrollWidth > el.clientWidth + 1) out.push(`${describe(el)} is cut: ${el.scrollWidth} > ${el.clientWidth}`);
      const clip = clipper(el);
      if (!clip || clip.matches(SCROLLERS)) continue;
      const r = el.getBoundingClientRect();
      const c = clip.getBoundingClientRect();
      if (r.right > c.right + 1 || r.left < c.left - 1) out.push(`${describe(el)} sticks out of ${clip.tagName.toLowerCase()}.${clip.className}`);
    }
    return out;
  });
}

async function setLanguage(app: App, language: Language): Promise<void> {
  await app.page.selectOption('[data-testid="language-picker"]', language);
  await app.page.waitForFunction((l) => (globalThis as unknown as { document: { documentElement: { lang: string } } }).document.documentElement.lang === l, language);
}

async function openImport(app: App, file: string): Promise<void> {
  await app.page.setInputFiles('[data-testid="file-input"]', file);
  await app.page.waitForSelector(`${DIALOG} [data-testid="import-summary"]`, { timeout: 30_000 });
  await app.page.waitForSelector(`${DIALOG} [data-testid="inspect-loading"]`, { state: 'detached', timeout: 30_000 });
}

describe('the product in French, Dutch and German', () => {
  let app: App;
  let dir: string;
  let file: string;
  const deals = frenchDeals();
  const englishOnly = (() => {
    const en = catalogWords('en', SCREEN_NAMESPACES);
    const elsewhere = catalogWords('fr', null);
    for (const w of frenchCsv(deals).toLowerCase().match(/\p{L}+/gu) ?? []) elsewhere.add(w);
    // The file's name, and the languages' own names in the language picker.
    for (const w of ['affaires', 'csv', ...Object.values(LANGUAGE_NAMES).map((n) => n.toLowerCase())]) elsewhere.add(w);
    return new Set([...en].filter((w) => w.length >= 3 && !elsewhere.has(w)));
  })();

  /** English words on the page, each with where it was read. */
  async function englishOnScreen(): Promise<string[]> {
    const { text, attributes } = await readableText(app);
    const found: string[] = [];
    for (const [where, content] of [['text', text], ...attributes.map((a) => ['attribute', a] as const)] as const) {
      for (const w of content.match(/\p{L}+/gu) ?? []) {
        if (englishOnly.has(w.toLowerCase())) found.push(`${w} (${where}: “${content.length > 80 ? `…${content.slice(Math.max(0, content.indexOf(w) - 30), content.indexOf(w) + 40)}…` : content}”)`);
      }
    }
    return [...new Set(found)];
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'quarterdeck-i18n-'));
    file = join(dir, 'affaires.csv');
    await writeFile(file, frenchCsv(deals), 'utf8');
    app = await startApp({ demo: false });
  });
  afterAll(async () => {
    await app?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('has English words to look for (the check would see them)', () => {
    for (const w of ['snapshot', 'rows', 'detected', 'delimiter', 'owner', 'preview']) expect(englishOnly.has(w), w).toBe(true);
    expect(englishOnly.size).toBeGreaterThan(300);
  });

  it('switches to French at once, and stays French after a reload', async () => {
    await app.page.waitForSelector('[data-testid="import-button"]');
    expect(await app.page.textContent('[data-testid="nav-data"]')).toBe('Data');
    await setLanguage(app, 'fr');
    expect(await app.page.textContent('[data-testid="nav-data"]')).toBe('Données');
    expect(await app.page.textContent('[data-testid="import-button"]')).toBe('Importer un fichier…');
    await app.page.reload();
    await app.page.waitForSelector('[data-testid="import-button"]');
    expect(await app.page.getAttribute('html', 'lang')).toBe('fr');
    expect(await app.page.inputValue('[data-testid="language-picker"]')).toBe('fr');
    expect(await englishOnScreen()).toEqual([]);
    await app.shot('i18n-fr-empty.png');
  });

  it('imports a French export with the dialog in French', async () => {
    await openImport(app, file);
    const summary = (await app.page.textContent(`${DIALOG} [data-testid="import-summary"]`)) ?? '';
    expect(summary).toContain('40 lignes');
    expect(summary).toContain('9 colonnes');
    expect(await app.page.textContent(`${DIALOG} [data-testid="import-confirm"]`)).toBe('Importer');
    expect(await app.page.textContent(`${DIALOG} [data-testid="setting-row-delimiter"] .setting-state`)).toBe('détecté');
    expect(await app.page.$eval(`${DIALOG} [data-testid="setting-delimiter"]`, (s) => (s as unknown as { selectedOptions: { textContent: string }[] }).selectedOptions[0]!.textContent)).toContain('Point-virgule');
    expect(await app.page.textContent(`${DIALOG} [data-testid="role-chip-Commercial"]`)).toBe('Commercial');
    expect(await app.page.textContent(`${DIALOG} [data-testid="role-chip-Montant"]`)).toBe('Montant');
    expect(await app.page.getAttribute(`${DIALOG} [data-testid="role-chip-Montant"]`, 'title')).toContain('« Montant » signifie Montant en français');
    expect(await englishOnScreen()).toEqual([]);
    await app.shot('i18n-fr-import.png');

    await app.page.click(`${DIALOG} [data-testid="import-tab-roles"]`);
    await app.page.waitForSelector(`${DIALOG} [data-testid="roles-panel"]`);
    expect(await app.page.textContent(`${DIALOG} [data-testid="roles-group-deal"] .roles-group-head`)).toContain('Affaires');
    // Why each role was proposed, on hover: the engine's reason in French, roles and languages named in French.
    const why = (await app.page.getAttribute(`${DIALOG} [data-testid="role-origin-owner"]`, 'title')) ?? '';
    expect(why).toContain('l’en-tête « Commercial » signifie Commercial en français');
    expect(await englishOnScreen()).toEqual([]);
    await app.shot('i18n-fr-import-roles.png');

    await app.page.click(`${DIALOG} [data-testid="import-confirm"]`);
    await app.page.waitForSelector(DIALOG, { state: 'detached', timeout: 60_000 });
    await app.page.waitForSelector('[data-testid="import-done"]');
    expect(await app.page.textContent('[data-testid="import-done"]')).toContain('affaires.csv importé comme « affaires »');
    await expect.poll(() => app.page.textContent('[data-testid="row-count"]')).toBe('40 lignes');

    // What the French export became: amounts with a decimal comma and dd/mm/yyyy dates, read right.
    const table = await app.tableOf('affaires');
    const [stored] = await app.sql(`SELECT sum("Montant") AS total, min("Date de clôture")::VARCHAR AS first FROM ${table}`);
    expect(Number(stored!.total)).toBeCloseTo(deals.reduce((s, d) => s + d.amount, 0), 2);
    const firstClosed = deals.map((d) => d.closed.split('/').reverse().join('-')).sort()[0];
    expect(stored!.first).toBe(firstClosed);
  });

  it('shows the data and the profile in French', async () => {
    await app.page.waitForSelector('[data-testid="preview-table"] [role="gridcell"]');
    // The figures follow the workspace's locale (en-US here), not the UI language.
    const first = [...deals].sort((a, b) => a.ref.localeCompare(b.ref))[0]!;
    const amount = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(first.amount);
    await app.page.waitForSelector(`[data-testid="preview-table"] [role="gridcell"]:text-is("${amount}")`);
    expect(await app.page.textContent('[data-testid="tab-profile"]')).toBe('Profil');
    expect(await englishOnScreen()).toEqual([]);
    await app.shot('i18n-fr-data.png');
    await app.page.click('[data-testid="tab-profile"]');
    await app.page.waitForSelector('[data-testid="profile-table"]');
    expect(await app.page.textContent('[data-testid="profile-table"] thead')).toContain('Valeurs les plus fréquentes');
    expect(await englishOnScreen()).toEqual([]);
    await app.shot('i18n-fr-profile.png');
  });

  it('writes figures in the workspace’s locale, whatever the UI language', async () => {
    // French screens, German figures: the workspace's settings say de-DE.
    expect((await app.core.saveSettings({ locale: 'de-DE' })).ok).toBe(true);
    try {
      await app.page.reload();
      await app.page.click('[data-testid="tab-data"]');
      await app.page.waitForSelector('[data-testid="preview-table"] [role="gridcell"]');
      const first = [...deals].sort((a, b) => a.ref.localeCompare(b.ref))[0]!;
      const amount = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(first.amount);
      const [d, m, y] = first.closed.split('/');
      await app.page.waitForSelector(`[data-testid="preview-table"] [role="gridcell"]:text-is("${amount}")`);
      await app.page.waitForSelector(`[data-testid="preview-table"] [role="gridcell"]:text-is("${d}.${m}.${y}")`);
      expect(await app.page.textContent('[data-testid="tab-profile"]')).toBe('Profil');
      await app.shot('i18n-fr-data-de-DE.png');
      await app.page.click('[data-testid="tab-profile"]');
      await app.page.waitForSelector('[data-testid="profile-table"]');
      const range = (await app.page.textContent('[data-testid="profile-table"] tr[data-column="Montant"]')) ?? '';
      const min = Math.min(...deals.map((x) => x.amount));
      expect(range).toContain(new Intl.NumberFormat('de-DE', { maximumFractionDigits: 2 }).format(min));
      await app.shot('i18n-fr-profile-de-DE.png');
    } finally {
      expect((await app.core.saveSettings({ locale: 'en-US' })).ok).toBe(true);
      await app.page.reload();
      await app.page.waitForSelector('[data-testid="import-button"]');
    }
  });

  it('sees a label that does not fit (the overflow check works)', async () => {
    await app.page.evaluate(() => {
      const doc = (globalThis as unknown as { document: { body: { insertAdjacentHTML(w: string, h: string): void } } }).document;
      doc.body.insertAdjacentHTML(
        'beforeend',
        '<button id="overflow-probe" style="position:fixed;top:0;left:0;width:60px;white-space:nowrap;overflow:hidden">Zu überspringende Zeilen</button>',
      );
    });
    const found = await overflowing(app);
    await app.page.evaluate(() => (globalThis as unknown as { document: { getElementById(id: string): { remove(): void } } }).document.getElementById('overflow-probe').remove());
    expect(found.some((p) => p.includes('Zu überspringende Zeilen'))).toBe(true);
  });

  it.each(LANGUAGES)('captures every screen in %s, with no label overflowing', async (language) => {
    await setLanguage(app, language);
    const problems: string[] = [];
    const check = async (screen: string) => {
      for (const p of await overflowing(app)) problems.push(`${screen}: ${p}`);
      await app.shot(`i18n-${language}-${screen}.png`);
    };
    await app.page.click('[data-testid="nav-data"]');
    await app.page.click('[data-testid="tab-data"]');
    await app.page.waitForSelector('[data-testid="preview-table"] [role="gridcell"]');
    await check('data');
    await app.page.click('[data-testid="tab-profile"]');
    await app.page.waitForSelector('[data-testid="profile-table"]');
    await check('profile');
    await app.page.click('[data-testid="snapshot-menu"]');
    await app.page.waitForSelector('[data-testid="snapshot-list"]');
    await check('snapshots');
    await app.page.keyboard.press('Escape');
    await app.page.click('[data-testid="remove-source"]');
    await app.page.waitForSelector('[data-testid="remove-dialog"]');
    await check('remove');
    await app.page.keyboard.press('Escape');

    // The same columns again: the dialog proposes a new snapshot of "affaires"...
    await openImport(app, file);
    await check('import-snapshot');
    // ...or a new source.
    await app.page.click(`${DIALOG} [data-testid="new-source-instead"]`);
    await app.page.waitForSelector(`${DIALOG} [data-testid="import-confirm"]:enabled`, { timeout: 30_000 });
    await check('import');
    await app.page.click(`${DIALOG} [data-testid="import-tab-roles"]`);
    await app.page.waitForSelector(`${DIALOG} [data-testid="roles-panel"]`);
    await check('import-roles');
    // A setting fixed by hand (and the wrong one): "set by you", and what the preview makes of it.
    await app.page.click(`${DIALOG} [data-testid="import-tab-preview"]`);
    await app.page.selectOption(`${DIALOG} [data-testid="setting-thousandsSeparator"]`, '.');
    await app.page.waitForSelector(`${DIALOG} [data-testid="reset-thousandsSeparator"]`);
    await app.page.waitForTimeout(350); // the dialog waits 300 ms for more changes before asking
    await app.page.waitForSelector(`${DIALOG} [data-testid="inspect-loading"]`, { state: 'detached', timeout: 30_000 });
    await check('import-fixed');
    await app.page.click(`${DIALOG} [data-testid="import-close"]`);
    await app.page.waitForSelector(DIALOG, { state: 'detached' });
    expect(problems).toEqual([]);
    if (language === 'fr') expect(await englishOnScreen()).toEqual([]);
  });

  it('fits German on a 1280×720 laptop screen too', async () => {
    await setLanguage(app, 'de');
    await app.page.setViewportSize({ width: 1280, height: 720 });
    try {
      const problems: string[] = [];
      await app.page.click('[data-testid="tab-data"]');
      await app.page.waitForSelector('[data-testid="preview-table"] [role="gridcell"]');
      problems.push(...(await overflowing(app)).map((p) => `data: ${p}`));
      await app.shot('i18n-de-data-1280.png');
      await openImport(app, file);
      await app.page.click(`${DIALOG} [data-testid="new-source-instead"]`);
      await app.page.waitForSelector(`${DIALOG} [data-testid="import-confirm"]:enabled`, { timeout: 30_000 });
      problems.push(...(await overflowing(app)).map((p) => `import: ${p}`));
      await app.shot('i18n-de-import-1280.png');
      await app.page.click(`${DIALOG} [data-testid="import-tab-roles"]`);
      await app.page.waitForSelector(`${DIALOG} [data-testid="roles-panel"]`);
      problems.push(...(await overflowing(app)).map((p) => `roles: ${p}`));
      await app.shot('i18n-de-import-roles-1280.png');
      await app.page.click(`${DIALOG} [data-testid="import-close"]`);
      expect(problems).toEqual([]);
    } finally {
      await app.page.setViewportSize({ width: 1440, height: 900 });
    }
  });

  it('logged no missing message and no error', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
