import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InProcessBrowserHost } from '../../main/browser-host/server';
import { addAttachment } from '../../main/services/attachments';
import { recordDecision } from '../../main/services/decisions';
import { createOrganisation } from '../../main/services/directory';
import { recordInterventionUse } from '../../main/services/interventions';
import { changePhase } from '../../main/services/phases';
import { assignRole } from '../../main/services/roles';
import { recordSignal } from '../../main/services/signals';
import { showHidden } from '../../shared/visible-text';
import { randomPng } from '../helpers/files';
import { ensureRendererBuilt, launchBrowser, openSignedInInProcess } from '../helpers/browser';
import { createTestVault, type TestVault } from '../helpers/vault';

/**
 * Text shown as typed, in the real shell: a right-to-left override (U+202E) typed into a case title, an entry
 * and its source, a person's name and an action is stored as typed and shown as `⟨U+202E⟩` on every screen,
 * never raw; a paste over a field's limit is kept whole and refused with the field and the limit named; and a
 * failed write takes the place of the success message before it.
 */

const rlo = '\u202E';
const author = `Anna ${rlo}de Beheerder`;
const caseTitle = `Oproep Zuidplein ${rlo}nacht`;
const entryText = `Filmpje op TikTok: zie bijlage ${rlo}gpj.exe voor de oproep`;
const entrySource = `Wijkagent ${rlo}Noord`;
const personName = `Sanne ${rlo}Bakker`;
const taskText = `Jongerenwerk ${rlo}bellen`;
// Recorded through the services: every other screen that shows case text.
const seeded = {
  organisation: `Politie ${rlo}Zuid`,
  phaseReason: `Oproep wordt ${rlo}gedeeld`,
  decision: `Cameratoezicht ${rlo}plein`,
  interventionReason: `Ouders ${rlo}benaderen`,
  handle: `@zuid${rlo}plein`,
  legalGround: `Besloten groep ${rlo}noodzakelijk`,
  signalText: `Oproep in ${rlo}Telegramgroep`,
  fileName: `oproep${rlo}gnp.png`,
};

const eventually = <T>(read: () => Promise<T>, timeout = 10_000) => expect.poll(read, { timeout });

/**
 * Every text node of the page that holds a bidi control or mark, and every label-like attribute that does. A
 * textarea's own text is left out: a form keeps what the user typed (a correction starts from the real text).
 */
const rawBidiScript = `(() => {
  const bidi = /[\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]/;
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement && node.parentElement.closest('textarea')) continue;
    if (bidi.test(node.data)) found.push(node.data);
  }
  for (const element of document.body.querySelectorAll('*')) {
    for (const name of ['aria-label', 'title', 'alt', 'placeholder']) {
      const value = element.getAttribute(name);
      if (value && bidi.test(value)) found.push(name + '=' + value);
    }
  }
  return found;
})()`;

let browser: Browser;
let vault: TestVault;
let host: InProcessBrowserHost;
let page: Page;
let caseId = '';

beforeAll(async () => {
  await ensureRendererBuilt();
  browser = await launchBrowser();
  vault = await createTestVault({ displayName: author });
  vault.vault.lock();
  ({ host, page } = await openSignedInInProcess(browser, vault, { width: 1280, height: 900 }));
});

afterAll(async () => {
  await page?.context().close();
  await browser?.close();
  await host?.close();
  vault?.cleanup();
});

async function go(hash: string): Promise<void> {
  await page.evaluate((target) => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = target;
  }, hash);
}

async function openSection(tab: string): Promise<void> {
  await go(`#case/${caseId}/overzicht`);
  await page.getByRole('heading', { level: 1, name: showHidden(caseTitle) }).waitFor();
  await page.getByRole('navigation', { name: 'Onderdelen van het dossier' }).getByRole('link', { name: tab, exact: true }).click();
}

/** The screen shows each text with its token, and nothing raw. */
async function expectShownAsTyped(texts: readonly string[]): Promise<void> {
  for (const text of texts) await page.getByText(showHidden(text), { exact: false }).first().waitFor();
  expect(await page.evaluate(rawBidiScript)).toEqual([]);
}

describe('text shown as typed', () => {
  it('records a case, an entry with its source, a person and an action with a right-to-left override, and shows them as typed', async () => {
    await page.getByRole('button', { name: 'Nieuw dossier' }).click();
    const create = page.getByRole('dialog', { name: 'Nieuw dossier' });
    await create.getByLabel('Titel').fill(caseTitle);
    await create.getByRole('button', { name: 'Dossier aanmaken' }).click();
    await page.getByRole('heading', { level: 1, name: showHidden(caseTitle) }).waitFor();
    caseId = decodeURIComponent(/^#case\/([^/]+)/.exec(new URL(page.url()).hash)?.[1] ?? '');
    expect(caseId).not.toBe('');

    await page.keyboard.press('Control+k');
    const quick = page.getByRole('dialog', { name: 'Snelle invoer' });
    await quick.getByLabel('Wat is er gebeurd?').fill(entryText);
    await quick.getByLabel('Bron (niet verplicht)').fill(entrySource);
    await quick.getByRole('button', { name: 'Vastleggen' }).click();
    await eventually(() => quick.getByRole('status').textContent()).toContain('Klaar voor de volgende regel');
    await page.keyboard.press('Escape');

    await go('#werk/adresboek');
    const addPerson = page.getByRole('form', { name: 'Persoon toevoegen' });
    await addPerson.getByLabel('Naam', { exact: true }).fill(personName);
    await addPerson.getByRole('button', { name: 'Persoon toevoegen' }).click();
    await page.getByText(`${showHidden(personName)} is toegevoegd.`).waitFor();

    await openSection('Actielijst');
    await page.locator('#work-task-text').fill(taskText);
    await page.locator('#work-task-person').selectOption({ label: showHidden(personName) });
    await page.getByRole('button', { name: 'Actie toevoegen' }).click();
    await page.getByText(`Actie “${showHidden(taskText)}” is toegevoegd.`).waitFor();
    await expectShownAsTyped([taskText, personName]);

    // Stored as typed: the override is in the vault, only the screens show it as a token.
    const session = host.controller.session();
    expect(session.db.sqlite.prepare('SELECT title FROM cases WHERE id = ?').get(caseId)).toEqual({ title: caseTitle });
    expect(session.db.sqlite.prepare('SELECT text, source FROM log_entries WHERE case_key = (SELECT key FROM cases WHERE id = ?) AND type = ?').get(caseId, 'signaal')).toEqual({
      text: entryText,
      source: entrySource,
    });
  });

  it('shows no bidi control raw on any screen', async () => {
    const session = host.controller.session();
    const people = session.db.sqlite.prepare('SELECT id FROM people WHERE name = ?').get(personName) as { id: string };
    createOrganisation(session, { name: seeded.organisation, kind: 'politie' });
    changePhase(session, { caseId, phaseId: 'verspreiding', reason: seeded.phaseReason });
    assignRole(session, { caseId, roleId: 'oov-adviseur', personId: people.id });
    recordDecision(session, { caseId, text: seeded.decision, decidedBy: 'burgemeester' });
    recordInterventionUse(session, { caseId, interventionId: 'bevel-ouders', status: 'overwogen', reason: seeded.interventionReason });
    const { entry } = recordSignal(session, {
      caseId,
      text: seeded.signalText,
      platform: 'telegram',
      accountHandle: seeded.handle,
      channel: 'besloten',
      legalGround: seeded.legalGround,
      sourceReliability: 'C',
      informationCredibility: '3',
    });
    addAttachment(session, { caseId, entryId: entry.id, fileName: seeded.fileName, mediaType: 'image/png', data: randomPng(8).bytes.toString('base64') });

    await go('#cases');
    await page.getByRole('heading', { level: 1, name: 'Dossiers' }).waitFor();
    await expectShownAsTyped([caseTitle, author]);

    await openSection('Overzicht');
    await expectShownAsTyped([caseTitle, entryText, taskText, personName, seeded.decision]);

    await openSection('Tijdlijn');
    await page.locator('.tl-text').filter({ hasText: showHidden(entryText) }).click();
    await page.locator('.entry-text').waitFor();
    await expectShownAsTyped([entryText, entrySource, author, seeded.phaseReason]);

    const screens: [string, string[]][] = [
      ['Fase', [seeded.phaseReason, author]],
      ['Team en rollen', [personName]],
      ['Actielijst', [taskText, personName]],
      ['Besluitenlijst', [seeded.decision, author]],
      ['Interventies', [seeded.interventionReason, author]],
      ['Signalen', [seeded.signalText, seeded.handle, seeded.legalGround, seeded.fileName, author]],
      ['Briefings', [caseTitle]],
    ];
    for (const [tab, texts] of screens) {
      await openSection(tab);
      await expectShownAsTyped(texts);
    }

    await go('#werk/adresboek');
    await page.getByRole('heading', { level: 2, name: 'Adresboek' }).waitFor();
    await expectShownAsTyped([personName, seeded.organisation]);
    await go('#werk/fasemodel');
    await page.getByRole('heading', { level: 2, name: 'Fasemodel' }).waitFor();
    await expectShownAsTyped([author]);
  });

  it('keeps a paste over the limit whole, shows the limit, and names the field and the limit when it is sent', async () => {
    const pasted = 'Oproep via Telegram: iedereen om 21.00 uur naar het plein. '.repeat(4_000).slice(0, 228_000);
    await openSection('Overzicht');
    await page.keyboard.press('Control+k');
    const quick = page.getByRole('dialog', { name: 'Snelle invoer' });
    const text = quick.getByLabel('Wat is er gebeurd?');
    await quick.getByText('0 / 50.000 tekens').waitFor();
    await text.fill(pasted);
    // Not cut off: the browser is never told the limit, the user sees it.
    expect((await text.inputValue()).length).toBe(228_000);
    await quick.getByText('228.000 / 50.000 tekens: 178.000 te veel').waitFor();
    await quick.getByRole('button', { name: 'Vastleggen' }).click();
    await eventually(() => quick.getByRole('alert').textContent()).toBe('Tekst: maximaal 50.000 tekens; u plakte 228.000 tekens.');
    expect((await text.inputValue()).length).toBe(228_000);
    await page.keyboard.press('Escape');
    await page.getByRole('alertdialog').getByRole('button', { name: 'Weggooien' }).click();

    await page.getByRole('button', { name: 'English' }).click();
    await page.keyboard.press('Control+k');
    const english = page.getByRole('dialog', { name: 'Quick entry' });
    await english.getByLabel('What happened?').fill(pasted);
    await english.getByText('228,000 / 50,000 characters: 178,000 too many').waitFor();
    await english.getByRole('button', { name: 'Record' }).click();
    await eventually(() => english.getByRole('alert').textContent()).toBe('Text: at most 50,000 characters; you pasted 228,000 characters.');
    await page.keyboard.press('Escape');
    await page.getByRole('alertdialog').getByRole('button', { name: 'Discard' }).click();
    await page.getByRole('button', { name: 'Nederlands' }).click();
  });

  it('takes the previous success message away when the next write fails', async () => {
    await openSection('Actielijst');
    await page.locator('#work-task-text').fill('Wijkagent vragen om extra ronde');
    await page.locator('#work-task-person').selectOption({ label: showHidden(personName) });
    await page.getByRole('button', { name: 'Actie toevoegen' }).click();
    const saved = page.getByText('Actie “Wijkagent vragen om extra ronde” is toegevoegd.');
    await saved.waitFor();

    await page.locator('#work-task-text').fill('x'.repeat(5_001));
    await page.locator('#work-task-person').selectOption({ label: showHidden(personName) });
    await page.getByRole('button', { name: 'Actie toevoegen' }).click();
    await page.getByRole('alert').filter({ hasText: 'Tekst: maximaal 5.000 tekens; u plakte 5.001 tekens.' }).waitFor();
    await eventually(() => saved.count()).toBe(0);
  });
});
