import { describe, expect, it } from 'vitest';
import { TextSetter, type Face, type MeasuringFont, type Style } from '../../main/services/pdf/pdf-layout';
import { syllablesOf, withSoftHyphens } from '../../shared/hyphenation';

/**
 * Long words in narrow columns break where Dutch breaks them, in both PDFs: the print page through soft hyphens,
 * PDFKit's line setter through the same break points. A font of half an em per character keeps the sums exact.
 */

const font: MeasuringFont = { widthOfString: (text, size) => [...text].length * 0.5 * size };
const style: Style = { face: 'sans', size: 10, color: '#000000' };
const setter = new TextSetter((_face: Face) => font, 'nl');
const linesOf = (text: string, width: number) =>
  setter.lines([{ text, style }], width, 10).map((line) => line.pieces.map((piece) => piece.text).join(''));

describe('Dutch hyphenation', () => {
  it('knows where a Dutch word breaks', () => {
    expect(syllablesOf('Communicatieadviseur', 'nl')).toEqual(['Com', 'mu', 'ni', 'ca', 'tie', 'ad', 'vi', 'seur']);
    expect(withSoftHyphens('OOV-adviseur en Informatiecoördinator', 'nl')).toBe('OOV-adviseur en In\u00ADfor\u00ADma\u00ADtie\u00ADco\u00ADör\u00ADdi\u00ADna\u00ADtor');
    // Short words stay as they are.
    expect(withSoftHyphens('De burgemeester', 'nl')).toBe('De bur\u00ADge\u00ADmees\u00ADter');
    expect(withSoftHyphens('Politie ter plaatse', 'nl')).toBe('Politie ter plaatse');
  });

  it('breaks a word too wide for its column between syllables, with a hyphen, in the log PDF', () => {
    const boundaries = (word: string) => {
      const at = new Set<number>();
      let length = 0;
      for (const syllable of syllablesOf(word, 'nl')) at.add((length += syllable.length));
      return at;
    };
    for (const [text, width] of [['Communicatieadviseur', 61], ['Rol: Communicatieadviseur', 61], ['Informatiecoördinator bij de Veiligheidsregio', 46]] as const) {
      const lines = linesOf(text, width);
      // 12 characters of 5 pt fit a column of 61 pt (one point is kept for kerning), 9 fit 46.
      for (const line of lines) expect(line.length * 5, line).toBeLessThanOrEqual(width - 1);
      expect(lines.map((line) => line.replace(/-$/, '')).join('').replaceAll(' ', '')).toBe(text.replaceAll(' ', ''));
      // Every break inside a word falls where Dutch hyphenates it, and shows a hyphen.
      let consumed = '';
      for (const line of lines.slice(0, -1)) {
        consumed += line.replace(/-$/, '');
        const word = consumed.split(' ').at(-1)!;
        const whole = text.slice(text.lastIndexOf(' ', consumed.length - 1) + 1).split(' ')[0]!;
        if (line.endsWith('-')) expect(boundaries(whole).has(word.length), `${whole} after ${word}`).toBe(true);
      }
    }
    expect(linesOf('Communicatieadviseur', 61)).toEqual(['Communica-', 'tieadviseur']);
    // Nothing to break at: by character, as before.
    expect(linesOf('xxxxxxxxxxxxxxxxxxxxxxxxx', 61)).toEqual(['xxxxxxxxxxxx', 'xxxxxxxxxxxx', 'x']);
  });
});
