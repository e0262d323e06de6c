import { describe, expect, it } from 'vitest';
import { visibleText } from '../../shared/briefing-html/escape';
import { hasHiddenCharacters, showHidden, splitHidden } from '../../shared/visible-text';

describe('text shown as typed', () => {
  it('shows a right-to-left override as a token instead of letting it reorder the text', () => {
    expect(showHidden('factuur\u202Etxt.exe')).toBe('factuur⟨U+202E⟩txt.exe');
    expect(splitHidden('a\u202Eb')).toEqual([
      { text: 'a', hidden: false },
      { text: '⟨U+202E⟩', hidden: true },
      { text: 'b', hidden: false },
    ]);
  });

  it('shows every bidi control, mark, zero-width and C0/C1 control character as its code point', () => {
    const hidden = [
      0x0000, 0x0007, 0x001b, 0x007f, 0x0085, 0x009f, 0x061c, 0x180e, 0x200b, 0x200e, 0x200f, 0x2028, 0x2029, 0x202a, 0x202b,
      0x202c, 0x202d, 0x202e, 0x2060, 0x2064, 0x2066, 0x2067, 0x2068, 0x2069, 0xfeff,
    ];
    for (const code of hidden) {
      const token = `⟨U+${code.toString(16).toUpperCase().padStart(4, '0')}⟩`;
      expect(showHidden(`x${String.fromCharCode(code)}y`)).toBe(`x${token}y`);
    }
  });

  it('keeps tab, line feed, letters of every script, ZWJ emoji and ZWNJ as they are', () => {
    for (const text of ['regel 1\nregel 2\tkolom', 'שלום עולם', 'مرحبا', '👩\u200D👩\u200D👧', 'می\u200Cخواهم', 'Ēėę 𝔘 😀']) {
      expect(hasHiddenCharacters(text)).toBe(false);
      expect(showHidden(text)).toBe(text);
    }
  });

  it('reads a carriage return as a line break, and shows lone surrogates', () => {
    expect(showHidden('a\r\nb\rc')).toBe('a\nb\nc');
    expect(showHidden('x\uD800y\uDC00z')).toBe('x⟨U+D800⟩y⟨U+DC00⟩z');
  });

  it('is the same rule the documents print with, in brackets the document fonts have', () => {
    const text = 'Bron\u202E: a\u200Bb\r\nc\u0000';
    expect(visibleText(text)).toBe('Bron<span class="ctl">‹U+202E›</span>: a<span class="ctl">‹U+200B›</span>b<br>c<span class="ctl">‹U+0000›</span>');
    expect(visibleText(text).replace(/<[^>]+>/g, '')).toBe(showHidden(text).replaceAll('⟨', '‹').replaceAll('⟩', '›').replace('\n', ''));
  });

  it('leaves the legacy RegExp statics alone, so a shown text does not outlive a lock there', () => {
    /(?:)/.exec('');
    showHidden('geheim\u202Ebericht');
    splitHidden('nog\u0000geheimer');
    expect((RegExp as unknown as { input: string }).input).toBe('');
  });
});
