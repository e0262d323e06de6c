import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyChains } from '../../db/chain';
import { mapDatabaseError } from '../../db/open';
import { addAttachment } from '../../main/services/attachments';
import { exportCase } from '../../main/services/case-export';
import { importCase } from '../../main/services/case-import';
import { closeCase, createCase } from '../../main/services/cases';
import { listSignals, recordSignal } from '../../main/services/signals';
import { stats } from '../../main/services/stats';
import { caseFileSchema } from '../../shared/case-format';
import { OrdelogError } from '../../shared/errors';
import type { RecordSignalInput } from '../../shared/signals';
import { base64, randomPng } from '../helpers/files';
import { openCaseStore, type CaseStore } from './support/case-store';

let fixture: CaseStore;
let caseId: string;
beforeEach(() => {
  fixture = openCaseStore();
  caseId = createCase(fixture.sessions.redacteur, { title: 'Station' }).id;
});
afterEach(() => fixture.dispose());

const editor = () => fixture.sessions.redacteur;
const reader = () => fixture.sessions.lezer;
const count = (table: string): number => (fixture.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

const base = (extra: Partial<RecordSignalInput> = {}): RecordSignalInput => ({
  caseId,
  text: 'Oproep om zaterdag naar het station te komen',
  platform: 'tiktok',
  channel: 'openbaar',
  sourceReliability: 'C',
  informationCredibility: '3',
  ...extra,
});

function refusal(work: () => unknown): OrdelogError {
  try {
    work();
  } catch (thrown) {
    const error = mapDatabaseError(thrown);
    if (error instanceof OrdelogError) return error;
    throw error;
  }
  return expect.unreachable('should have been refused');
}

describe('signals.record', () => {
  it('writes a signaal entry (summary, platform, grading) and its facts in one go', () => {
    const { entry, signal } = recordSignal(
      editor(),
      base({
        url: 'https://www.tiktok.com/@voorbeeld/video/1',
        postedAt: '2026-03-01T14:00:00+01:00',
        seenAt: '2026-03-01T18:03:00+01:00',
        reach: 12_000,
        contentClass: 'ongewenst',
        phaseId: 'verspreiding',
      }),
    );
    expect(entry).toMatchObject({
      type: 'signaal',
      text: 'Oproep om zaterdag naar het station te komen',
      source: 'TikTok',
      sourceReliability: 'C',
      informationCredibility: '3',
      occurredAt: '2026-03-01T13:00:00.000Z',
      personalData: false,
      authorName: 'Joost de Vries',
    });
    expect(signal).toEqual({
      entryId: entry.id,
      caseId,
      platform: 'tiktok',
      url: 'https://www.tiktok.com/@voorbeeld/video/1',
      accountHandle: null,
      channel: 'openbaar',
      legalGround: null,
      postedAt: '2026-03-01T13:00:00.000Z',
      seenAt: '2026-03-01T17:03:00.000Z',
      reach: 12_000,
      contentClass: 'ongewenst',
      phaseId: 'verspreiding',
      capturedByName: 'Joost de Vries',
    });
    expect(verifyChains(fixture.store.sqlite)).toMatchObject({ ok: true });
  });

  it('marks the entry as personal data when a handle is given', () => {
    const { entry, signal } = recordSignal(editor(), base({ accountHandle: '@stationsfeest010' }));
    expect(entry.personalData).toBe(true);
    expect(signal.accountHandle).toBe('@stationsfeest010');
    expect(recordSignal(editor(), base({ accountHandle: '  ' })).entry.personalData).toBe(false);
    expect(stats(reader(), { caseId }).personalDataEntries).toBe(1);
  });

  it('refuses a closed channel without a legal ground, and stores nothing', () => {
    const entries = count('log_entries');
    for (const legalGround of [undefined, null, '', '   ']) {
      const error = refusal(() => recordSignal(editor(), base({ channel: 'besloten', legalGround })));
      expect(error).toMatchObject({ code: 'INVALID_INPUT', detail: 'legalGround' });
    }
    expect(count('log_entries')).toBe(entries);
    expect(count('signals')).toBe(0);
    const ground = 'Melding van de school: oproep in een klassengroep, openbare bronnen gaven geen beeld';
    expect(recordSignal(editor(), base({ channel: 'besloten', platform: 'whatsapp', legalGround: ground })).signal.legalGround).toBe(ground);
  });

  it('accepts only http(s) links, and refuses unknown phases, readers and closed cases', () => {
    for (const url of ['javascript:alert(1)', 'ftp://example.org/x', 'file:///etc/passwd', 'geen link']) {
      expect(refusal(() => recordSignal(editor(), base({ url }))).detail).toBe('url');
    }
    expect(recordSignal(editor(), base({ url: '' })).signal.url).toBeNull();
    expect(refusal(() => recordSignal(editor(), base({ reach: -1 }))).detail).toBe('reach');
    expect(refusal(() => recordSignal(editor(), base({ phaseId: 'verzonnen' }))).detail).toBe('phaseId');
    expect(refusal(() => recordSignal(reader(), base())).code).toBe('FORBIDDEN');
    closeCase(editor(), { caseId, retentionCategory: 'handhaving' });
    expect(refusal(() => recordSignal(editor(), base())).code).toBe('CONFLICT');
  });

  it('cannot be changed or deleted: the database refuses', () => {
    const { signal } = recordSignal(editor(), base());
    const { sqlite } = fixture.store;
    expect(refusal(() => sqlite.prepare("UPDATE signals SET url = 'https://elders.example' WHERE entry_id = ?").run(signal.entryId)).code).toBe('APPEND_ONLY');
    expect(refusal(() => sqlite.prepare('DELETE FROM signals WHERE entry_id = ?').run(signal.entryId)).code).toBe('APPEND_ONLY');
    expect(listSignals(reader(), { caseId })[0]!.signal).toEqual(signal);
  });
});

describe('signals.list', () => {
  it('lists newest seen first, with entry and attachment count, filtered by platform, channel and class', () => {
    const first = recordSignal(editor(), base({ seenAt: '2026-03-01T10:00:00Z', contentClass: 'illegaal' }));
    recordSignal(editor(), base({ platform: 'telegram', channel: 'besloten', legalGround: 'Tip wijkagent', seenAt: '2026-03-01T12:00:00Z' }));
    recordSignal(editor(), base({ platform: 'instagram', seenAt: '2026-03-01T11:00:00Z' }));
    addAttachment(editor(), { caseId, entryId: first.entry.id, fileName: 'tiktok.png', mediaType: 'image/png', data: base64(randomPng(4).bytes) });

    const all = listSignals(reader(), { caseId });
    expect(all.map((item) => item.signal.platform)).toEqual(['telegram', 'instagram', 'tiktok']);
    expect(all[2]).toMatchObject({ entry: { id: first.entry.id, text: first.entry.text, authorName: 'Joost de Vries' }, attachmentCount: 1 });
    expect(listSignals(reader(), { caseId, platform: 'tiktok' }).map((item) => item.entry.id)).toEqual([first.entry.id]);
    expect(listSignals(reader(), { caseId, channel: 'besloten' }).map((item) => item.signal.platform)).toEqual(['telegram']);
    expect(listSignals(reader(), { caseId, contentClass: 'illegaal' })).toHaveLength(1);
    expect(listSignals(reader(), { caseId, platform: 'x' })).toEqual([]);
    expect(refusal(() => listSignals(reader(), { caseId: 'bestaat-niet' })).code).toBe('NOT_FOUND');
  });
});

describe('signals in the case file', () => {
  it('round-trip with their attachments', () => {
    const { entry } = recordSignal(editor(), base({ accountHandle: '@organisator', url: 'https://t.me/groep', platform: 'telegram', channel: 'besloten', legalGround: 'Tip', reach: 340, postedAt: '2026-03-01T09:00:00Z', phaseId: 'samenkomst' }));
    const png = randomPng(4).bytes;
    addAttachment(editor(), { caseId, entryId: entry.id, fileName: 'groep.png', mediaType: 'image/png', personalData: true, data: base64(png) });
    const file = exportCase(reader(), { caseId });
    expect(file.signals).toHaveLength(1);
    expect(file.signals![0]).toMatchObject({ entry: entry.seq, platform: 'telegram', accountHandle: '@organisator', legalGround: 'Tip', phase: 'samenkomst' });

    const target = openCaseStore();
    try {
      const imported = importCase(target.sessions.redacteur, JSON.parse(JSON.stringify(file)));
      const again = exportCase(target.sessions.lezer, { caseId: imported.id });
      expect(again.signals).toEqual(file.signals);
      expect(again.attachments).toEqual(file.attachments);
      const [item] = listSignals(target.sessions.lezer, { caseId: imported.id });
      expect(item).toMatchObject({ attachmentCount: 1, entry: { personalData: true, source: 'Telegram' } });
    } finally {
      target.dispose();
    }
  });

  it('refuses a signal on a non-signal entry, twice on one entry, or closed without ground', () => {
    recordSignal(editor(), base());
    const file = caseFileSchema.parse(exportCase(reader(), { caseId }));
    const signal = file.signals![0]!;
    const expectInvalid = (signals: unknown[], path: string) =>
      expect(refusal(() => importCase(editor(), { ...file, signals }))).toMatchObject({ code: 'INVALID_INPUT', detail: path });
    expectInvalid([{ ...signal, entry: 1 }], 'signals.0.entry');
    expectInvalid([signal, signal], 'signals.1.entry');
    expectInvalid([{ ...signal, channel: 'besloten', legalGround: null }], 'signals.0.legalGround');
    expectInvalid([{ ...signal, url: 'javascript:alert(1)' }], 'signals.0.url');
  });

  it('refuses an attachment whose content the app would refuse', () => {
    const file = exportCase(reader(), { caseId });
    const error = refusal(() =>
      importCase(editor(), { ...file, attachments: [{ fileName: 'foto.png', mediaType: 'image/png', data: base64(Buffer.from('#!/bin/sh\n')) }] }),
    );
    expect(error.code).toBe('FILE_TYPE_REFUSED');
    expect(error.message).toContain('attachments.0');
  });
});
