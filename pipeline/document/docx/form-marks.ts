// Ticks and boxes Word draws rather than writes. A form's box is a legacy check-box field
// (FORMCHECKBOX: its state in w:ffData, no text at all) or a symbol of a symbol font (w:sym,
// Wingdings' ballot boxes): both become the characters a text conversion shows (☒ ☐ ✓ ✗), so
// that the readers see what the page shows.

/** Symbol-font characters that are boxes or ticks, by font: the glyph's code -> its character. */
const SYMBOLS: Record<string, Record<number, string>> = {
  wingdings: { 0xa8: '☐', 0x6f: '☐', 0x71: '☐', 0xfe: '☑', 0xfd: '☒', 0x78: '☒', 0xfc: '✓', 0xfb: '✗' },
  'wingdings 2': { 0xa3: '☐', 0x2a: '☐', 0x52: '☑', 0x53: '☒', 0x54: '☒', 0x50: '✓', 0x4f: '✗' },
};

/**
 * The character a w:sym stands for: a box or tick of a known symbol font, else the glyph's code
 * in the private-use area (U+F0xx), as a PDF of the same page gives it.
 */
export function symbolText(font: string | undefined, char: string | undefined): string {
  const code = Number.parseInt(char ?? '', 16);
  if (!Number.isFinite(code) || code <= 0 || code > 0xffff) return '';
  const known = SYMBOLS[(font ?? '').trim().toLowerCase()]?.[code & 0xff];
  if (known) return known;
  return String.fromCharCode(code >= 0xf000 ? code : (font ?? '').trim() === '' ? code : 0xf000 | (code & 0xff));
}

/** A legacy check-box field being read: its default state, and its own when it has one. */
export class CheckBoxField {
  private byDefault = false;
  private checked: boolean | null = null;

  setDefault(on: boolean): void {
    this.byDefault = on;
  }

  setChecked(on: boolean): void {
    this.checked = on;
  }

  get text(): string {
    return (this.checked ?? this.byDefault) ? '☒' : '☐';
  }
}
