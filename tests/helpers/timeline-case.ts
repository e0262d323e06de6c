import { randomUUID } from 'node:crypto';
import { appendChainedEntry } from '../../db/chain';
import { createCase } from '../../main/services/cases';
import type { Session } from '../../main/services/session';
import { defaultPhases } from '../../shared/catalogue/phases';
import type { ManualEntryType } from '../../shared/domain';

const words = ['station', 'oproep', 'TikTok', 'jongeren', 'vuurwerk', 'politie', 'wijkagent', 'groepsapp', 'plein', 'ouders', 'school', 'melding'];
const types: ManualEntryType[] = ['signaal', 'waarneming', 'overleg', 'actie', 'communicatie', 'notitie'];
const authors = ['Joost de Vries', 'Samira Bakkali', 'Ilse Jansen', 'Femke Smit'];

/**
 * A case with `count` chained entries over thirty days, written straight into the store in large transactions
 * (seconds, not minutes, for 100k). Entry i's text starts with "Regel <i+1>"; every 1000th mentions "zeldzaamwoord".
 */
export function fillLargeCase(session: Session, count: number): { caseId: string; title: string } {
  const start = Date.parse('2026-03-01T08:00:00.000Z');
  const title = `Grote zaak (${count.toLocaleString('nl-NL')} regels)`;
  const detail = createCase(session, { title, municipality: 'Voorbeeldstad', openedAt: new Date(start - 60_000).toISOString() });
  const { sqlite } = session.db;
  const step = Math.floor((30 * 86_400_000) / count);
  const batch = 5_000;
  for (let from = 0; from < count; from += batch) {
    sqlite.transaction(() => {
      for (let index = from; index < Math.min(count, from + batch); index += 1) {
        const phase = defaultPhases[Math.min(defaultPhases.length - 1, Math.floor((index / count) * defaultPhases.length))];
        const at = new Date(start + index * step).toISOString();
        const body = Array.from({ length: 6 }, (_, k) => words[(index * 7 + k * 3) % words.length]).join(' ');
        appendChainedEntry(sqlite, {
          id: randomUUID(),
          caseId: detail.id,
          type: types[index % types.length] ?? 'notitie',
          text: `Regel ${index + 1}: ${body}${index % 1000 === 999 ? ' zeldzaamwoord' : ''}.`,
          occurredAt: at,
          recordedAt: at,
          authorId: null,
          authorName: authors[index % authors.length] ?? 'Joost de Vries',
          source: null,
          sourceReliability: null,
          informationCredibility: null,
          correctsEntryId: null,
          personalData: false,
          phaseId: phase?.id ?? 'online-signaal',
        });
      }
    })();
  }
  return { caseId: detail.id, title };
}
