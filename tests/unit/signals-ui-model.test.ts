import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { strings } from '../../renderer/i18n/strings';
import {
  base64ToBytes,
  bytesToBase64,
  formatBytes,
  groupedHash,
  isViewableImage,
  maxAttachmentBytes,
  mediaTypeOf,
  pastedFileName,
  sha256Hex,
} from '../../renderer/src/signals/evidence';
import { byPlatformAndTime, emptyDraft, platforms, signalChannels, signalForm, type SignalDraft } from '../../renderer/src/signals/model';
import { limits } from '../../shared/schemas';
import { resolveDateTime, type DateTimeValue } from '../../shared/time';

/** The signal screens' pure parts: hashing and encoding of evidence, and the form's rules against the contract. */

const caseId = '0c1f4a52-58d5-4b8e-9c36-1d1b1d6f0a10';
const now = Date.parse('2026-03-14T20:00:00Z');
// The display zone is not under test: the form's times are read as UTC here.
const read = (value: DateTimeValue) => {
  const result = resolveDateTime(value, { timeZone: 'UTC', now: new Date(now).toISOString() });
  return result.ok ? result : { ok: false as const, message: result.reason };
};
const at = (text: string): DateTimeValue => ({ text });
const draft = (fields: Partial<SignalDraft>): SignalDraft => ({ ...emptyDraft(at('14-03-2026 19:30'), ''), text: 'Oproep om naar het plein te komen.', ...fields });

describe('evidence in the renderer', () => {
  it('computes the same SHA-256 as Node for empty, small and larger files', async () => {
    for (const bytes of [new Uint8Array(0), new TextEncoder().encode('abc'), randomBytes(300_000)]) {
      expect(await sha256Hex(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(await sha256Hex(bytes.slice().buffer)).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
    // A view into part of a buffer hashes only its own bytes.
    const whole = randomBytes(64);
    expect(await sha256Hex(whole.subarray(10, 20))).toBe(createHash('sha256').update(whole.subarray(10, 20)).digest('hex'));
  });

  it('encodes base64 as Node does, in chunks, and decodes it back', () => {
    for (const bytes of [new Uint8Array(0), Uint8Array.of(0xff), randomBytes(100_001)]) {
      const encoded = bytesToBase64(bytes);
      expect(encoded).toBe(Buffer.from(bytes).toString('base64'));
      expect(Buffer.from(base64ToBytes(encoded)).equals(Buffer.from(bytes))).toBe(true);
    }
  });

  it('keeps the main process limit of 50 MB', () => {
    expect(maxAttachmentBytes).toBe(limits.attachmentBytes);
  });

  it('takes the browser type, else one from the extension, and shows only raster images inline', () => {
    expect(mediaTypeOf({ name: 'x.png', type: 'image/png' })).toBe('image/png');
    expect(mediaTypeOf({ name: 'Verslag.PDF', type: '' })).toBe('application/pdf');
    expect(mediaTypeOf({ name: 'noname', type: '' })).toBe('application/octet-stream');
    expect(isViewableImage('image/png')).toBe(true);
    expect(isViewableImage('image/jpeg')).toBe(true);
    expect(isViewableImage('image/svg+xml')).toBe(false);
    expect(isViewableImage('application/pdf')).toBe(false);
  });

  it('names a pasted image after the moment it was pasted', () => {
    expect(pastedFileName('image/png', new Date('2026-03-14T20:03:22.512Z'), 'klembord')).toBe('klembord-2026-03-14-20-03-22.png');
    expect(pastedFileName('image/jpeg', new Date('2026-03-14T20:03:22Z'), 'clipboard')).toBe('clipboard-2026-03-14-20-03-22.jpg');
  });

  it('says sizes in the UI language and groups a hash for reading', () => {
    expect(formatBytes(512, 'nl')).toBe('512 B');
    expect(formatBytes(1_500, 'nl')).toBe('1,5 kB');
    expect(formatBytes(1_500, 'en')).toBe('1.5 kB');
    expect(formatBytes(52_428_800, 'nl')).toBe('52,4 MB');
    const hash = 'a'.repeat(64);
    expect(groupedHash(hash).split(' ')).toHaveLength(8);
    expect(groupedHash(hash).replaceAll(' ', '')).toBe(hash);
  });
});

describe('the signal form', () => {
  const form = signalForm(caseId, read);
  const check = (fields: Partial<SignalDraft>) => {
    vi.setSystemTime(now);
    try {
      return form.safeParse(draft(fields));
    } finally {
      vi.useRealTimers();
    }
  };
  const fieldsToFix = (fields: Partial<SignalDraft>) => {
    const result = check(fields);
    return result.success ? [] : [...new Set(result.error.issues.map((issue) => issue.path.join('.')))].sort();
  };

  it('turns a filled form into input the contract accepts', () => {
    const checked = check({ platform: 'snapchat', url: ' https://snapchat.com/x ', accountHandle: '@rellen', reach: '1.200', postedAt: at('14-03-2026 19:00'), sourceReliability: 'B', informationCredibility: '2' });
    expect(checked.success).toBe(true);
    expect(checked.data).toMatchObject({
      platform: 'snapchat',
      url: 'https://snapchat.com/x',
      accountHandle: '@rellen',
      reach: 1200,
      postedAt: '2026-03-14T19:00:00.000Z',
      seenAt: '2026-03-14T19:30:00.000Z',
      legalGround: null,
      // An account handle is personal data, checkbox or not.
      personalData: true,
    });
  });

  it('leaves optional fields out as null', () => {
    expect(check({}).data).toMatchObject({ url: null, accountHandle: null, reach: null, postedAt: null, phaseId: null, personalData: false });
  });

  it('asks for the legal ground on a closed channel: the rule of the shared schema', () => {
    expect(fieldsToFix({ channel: 'besloten', legalGround: '  ' })).toEqual(['legalGround']);
    expect(check({ channel: 'besloten', legalGround: 'Melding wijkagent; nodig voor de omvang.' }).success).toBe(true);
    // A ground typed for a closed channel is not sent once the channel is open again.
    expect(check({ channel: 'openbaar', legalGround: 'iets' }).data?.legalGround).toBeNull();
  });

  it('names every field to fix at once, cross-field rules included', () => {
    expect(fieldsToFix({ text: ' ', url: 'javascript:alert(1)', reach: '-3', postedAt: at('14-03-2026 19:45'), seenAt: at('14-03-2026 19:30') })).toEqual([
      'reach',
      'seenAt',
      'text',
      'url',
    ]);
    expect(fieldsToFix({ seenAt: at('15-03-2026 20:00') })).toEqual(['seenAt']);
    expect(fieldsToFix({ seenAt: at('') })).toEqual(['seenAt']);
    expect(fieldsToFix({ reach: '1,5' })).toEqual(['reach']);
  });

  it('groups signals by platform in the platform order, newest first by posted (else seen) time', () => {
    const signal = (id: string, platform: SignalDraft['platform'], postedAt: string | null, seenAt: string) => ({ id, platform, postedAt, seenAt });
    const groups = byPlatformAndTime([
      signal('a', 'snapchat', null, '2026-03-14T18:00:00Z'),
      signal('b', 'tiktok', '2026-03-14T17:00:00Z', '2026-03-14T19:00:00Z'),
      signal('c', 'snapchat', '2026-03-14T18:30:00Z', '2026-03-14T18:40:00Z'),
      signal('d', 'tiktok', null, '2026-03-14T17:30:00Z'),
    ]);
    expect(groups.map((group) => [group.platform, group.signals.map((each) => each.id)])).toEqual([
      ['tiktok', ['d', 'b']],
      ['snapchat', ['c', 'a']],
    ]);
  });

  it('has words for every platform and channel in both languages', () => {
    for (const language of [strings.nl, strings.en]) {
      const signals = language.signals as { platform: Record<string, string>; channel: Record<string, string> };
      for (const platform of platforms) expect(signals.platform[platform], platform).toBeTruthy();
      for (const channel of signalChannels) expect(signals.channel[channel], channel).toBeTruthy();
    }
  });
});
