/**
 * Writes docs/examples/briefing-demozaak.pdf: briefing 1 of the fictional demo case, exactly as the app and
 * `ordelog-admin briefing` make it (a real encrypted vault in a temp folder, Chromium's printer, PDF/A-2b
 * metadata). Run with `npm run example:briefing`; needs a Chromium (ORDELOG_BROWSER or the usual path).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createVault } from '../db/vault';
import { exportBriefing } from '../main/services/briefings';
import { fillDemoCase } from '../main/services/demo';
import { chromiumPrinter } from '../main/services/pdf/chromium-printer';
import { sessionFor } from '../main/services/session';

const out = fileURLToPath(new URL('../docs/examples/briefing-demozaak.pdf', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'ordelog-example-'));
const printer = chromiumPrinter();
try {
  const { vault } = await createVault(join(root, 'vault'), {
    userName: 'a.visser',
    displayName: 'Anouk Visser (OOV-adviseur)',
    passphrase: 'voorbeeld-wachtwoordzin-demozaak',
  });
  try {
    const session = sessionFor(vault, 'cli');
    const demo = fillDemoCase(session);
    const exported = await exportBriefing(
      session,
      {
        caseId: demo.id,
        audience: 'driehoek',
        from: null,
        summary:
          'Een openbaar Telegramkanaal riep op om donderdag met vuurwerk naar de raadsvergadering over de opvanglocatie te komen. ' +
          'De oproep groeide woensdag snel, ook via TikTok; adressen van twee raadsleden werden gedeeld. Donderdagavond kwamen ' +
          'ca. 150 mensen naar het gemeentehuis; er werd vuurwerk naar de afzetting gegooid en er zijn twee aanhoudingen verricht.',
        risks:
          'De rust is hersteld. Risico op herhaling bij de volgende raadsvergadering blijft reëel zolang het kanaal actief is. ' +
          'De twee raadsleden van wie adressen zijn gedeeld lopen een verhoogd risico.',
        // One decision per line: the kernbriefing numbers them, each with a box to tick.
        requestedDecisions:
          'Instemming met de evaluatie met de driehoek (vrijdag).\n' +
          'Besluit over voortzetting van de bescherming van de twee raadsleden.\n' +
          'Agendering van de bekrachtiging van de noodverordening in de eerstvolgende raadsvergadering.',
      },
      printer,
    );
    writeFileSync(out, Buffer.from(exported.data, 'base64'));
    console.log(`${out}: ${exported.record.pageCount} pagina's, SHA-256 ${exported.record.sha256}, vingerafdruk ${exported.record.fingerprint}`);
  } finally {
    vault.lock();
  }
} finally {
  await printer.close();
  rmSync(root, { recursive: true, force: true });
}
