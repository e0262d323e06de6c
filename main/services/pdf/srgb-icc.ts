// A minimal ICC v2 display profile for sRGB, built in code so the PDF/A output intent needs no binary asset
// and no third-party profile with its own licence. Layout follows ICC.1:2001-04 (version 2.1).

const HEADER_SIZE = 128;
const TAG_ENTRY_SIZE = 12;
const TRC_ENTRIES = 1024;

/**
 * A fixed creation date, so the profile, and every PDF that carries it, is byte-for-byte reproducible.
 * Encoded as year, month, day, hour, minute, second.
 */
const PROFILE_DATE = [2026, 1, 1, 0, 0, 0] as const;

/** D50 as the ICC specification spells it out in hex (X is truncated, not rounded, there). */
const D50_FIXED = [0x0000f6d6, 0x00010000, 0x0000d32d] as const;

/** sRGB primaries after Bradford adaptation from D65 to the D50 PCS, as in the common v2 sRGB profiles. */
const PRIMARIES = {
  rXYZ: [0.4361, 0.2225, 0.0139],
  gXYZ: [0.3851, 0.7169, 0.0971],
  bXYZ: [0.1431, 0.0606, 0.7141],
} as const;

const DESCRIPTION = 'sRGB IEC61966-2.1';
const COPYRIGHT = 'No copyright, use freely';

function s15Fixed16(value: number): number {
  return Math.round(value * 65536) | 0;
}

function ascii(text: string): Uint8Array {
  // The v2 text types are 7-bit ASCII; anything else would make a reader mis-decode the tag.
  if (!/^[\x20-\x7e]*$/.test(text)) throw new Error('ICC text tags must be printable ASCII');
  return Uint8Array.from(text, (ch) => ch.charCodeAt(0));
}

/** textDescriptionType: ASCII part only; the Unicode and ScriptCode parts are present but empty, as v2 requires. */
function descTag(text: string): Uint8Array {
  const chars = ascii(text);
  const out = new Uint8Array(8 + 4 + chars.length + 1 + 4 + 4 + 2 + 1 + 67);
  const view = new DataView(out.buffer);
  out.set(ascii('desc'), 0);
  view.setUint32(8, chars.length + 1);
  out.set(chars, 12);
  // Unicode language code, Unicode count, ScriptCode code, ScriptCode count and the 67-byte Macintosh
  // field all stay zero.
  return out;
}

function textTag(text: string): Uint8Array {
  const chars = ascii(text);
  const out = new Uint8Array(8 + chars.length + 1);
  out.set(ascii('text'), 0);
  out.set(chars, 8);
  return out;
}

function xyzTag(xyz: readonly number[], preEncoded = false): Uint8Array {
  const out = new Uint8Array(20);
  const view = new DataView(out.buffer);
  out.set(ascii('XYZ '), 0);
  xyz.forEach((value, index) => view.setInt32(8 + index * 4, preEncoded ? value : s15Fixed16(value)));
  return out;
}

/** The sRGB decoding function (IEC 61966-2-1), sampled; a plain gamma 2.2 would darken the shadows. */
function srgbToLinear(encoded: number): number {
  return encoded <= 0.04045 ? encoded / 12.92 : ((encoded + 0.055) / 1.055) ** 2.4;
}

function curvTag(entries: number): Uint8Array {
  const out = new Uint8Array(12 + entries * 2);
  const view = new DataView(out.buffer);
  out.set(ascii('curv'), 0);
  view.setUint32(8, entries);
  for (let i = 0; i < entries; i++) {
    view.setUint16(12 + i * 2, Math.round(srgbToLinear(i / (entries - 1)) * 65535));
  }
  return out;
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

function buildProfile(): Uint8Array {
  const trc = curvTag(TRC_ENTRIES);
  // Tags that name the same data block share it: readers resolve tags by offset, and one curve serves
  // all three channels.
  const blocks: Array<{ signatures: string[]; data: Uint8Array }> = [
    { signatures: ['desc'], data: descTag(DESCRIPTION) },
    { signatures: ['cprt'], data: textTag(COPYRIGHT) },
    { signatures: ['wtpt'], data: xyzTag(D50_FIXED, true) },
    { signatures: ['rXYZ'], data: xyzTag(PRIMARIES.rXYZ) },
    { signatures: ['gXYZ'], data: xyzTag(PRIMARIES.gXYZ) },
    { signatures: ['bXYZ'], data: xyzTag(PRIMARIES.bXYZ) },
    { signatures: ['rTRC', 'gTRC', 'bTRC'], data: trc },
  ];
  const tagCount = blocks.reduce((sum, block) => sum + block.signatures.length, 0);

  let offset = align4(HEADER_SIZE + 4 + tagCount * TAG_ENTRY_SIZE);
  const placed = blocks.map((block) => {
    const at = offset;
    offset = align4(offset + block.data.length);
    return { ...block, offset: at };
  });
  const size = offset;

  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);

  view.setUint32(0, size);
  // Bytes 4..7, the preferred CMM, stay zero: no CMM is preferred.
  view.setUint32(8, 0x02100000);
  out.set(ascii('mntr'), 12);
  out.set(ascii('RGB '), 16);
  out.set(ascii('XYZ '), 20);
  PROFILE_DATE.forEach((part, index) => view.setUint16(24 + index * 2, part));
  out.set(ascii('acsp'), 36);
  // Platform, flags, manufacturer, model and attributes stay zero; rendering intent 0 is perceptual.
  view.setUint32(64, 0);
  D50_FIXED.forEach((value, index) => view.setInt32(68 + index * 4, value));
  // Creator, profile ID (a v4 field, reserved in v2) and the reserved tail stay zero.

  view.setUint32(HEADER_SIZE, tagCount);
  let entry = HEADER_SIZE + 4;
  for (const block of placed) {
    out.set(block.data, block.offset);
    for (const signature of block.signatures) {
      out.set(ascii(signature), entry);
      view.setUint32(entry + 4, block.offset);
      view.setUint32(entry + 8, block.data.length);
      entry += TAG_ENTRY_SIZE;
    }
  }
  return out;
}

let memo: Uint8Array | undefined;

/** The sRGB ICC v2 profile bytes. Callers get a copy, so the memoised original cannot be altered. */
export function srgbIccProfile(): Uint8Array {
  memo ??= buildProfile();
  return memo.slice();
}
