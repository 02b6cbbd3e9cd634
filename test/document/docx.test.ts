// The Word (.docx) front end: the seed annex as a Word file read like its .md, and small Word
// files written here by hand (WordprocessingML zipped with fflate) for what the seed does not
// show: merged cells, paragraphs in a cell, emphasis, breaks, lists, damaged files.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { readAnnexDocument } from '../../pipeline/annex/read-annex.js';
import { readDocx } from '../../pipeline/document/docx/read-docx.js';
import type { LaidDocument } from '../../pipeline/document/model.js';
import { readSource } from '../../pipeline/document/read-source.js';
import { InputError } from '../../pipeline/errors.js';
import { pageOfLine } from '../../pipeline/outputs/rows.js';
import type { AnnexRecord } from '../../pipeline/records.js';
import { DEFAULT_PROFILE } from '../../shared/profile.js';
import { agreement } from '../fixtures/agreement.js';

const path = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const SEED_DOCX = path('../fixtures/renderings/seed.docx');
const SEED_MD = path('../../seeds/sub-allegato-2-ats-val-padana-2020.md');

/**
 * Agreement of seed.docx with the .md: 100% (2946 of 2946 fields). A Word file's pages are its
 * explicit breaks, so the running header it carries mid-page is furniture wherever it stands, and
 * its printed numbers end their pages as in a text.
 */
const AGREEMENT_FLOOR = 100;

describe('seed.docx read like the .md', () => {
  let annex: AnnexRecord;
  let reference: AnnexRecord;
  let laid: LaidDocument;

  beforeAll(async () => {
    const bytes = readFileSync(SEED_DOCX);
    laid = await readDocx(bytes, 'seed.docx');
    annex = readAnnexDocument(await readSource(bytes, 'seed.docx'), DEFAULT_PROFILE);
    reference = readAnnexDocument(await readSource(readFileSync(SEED_MD), 'seed.md'), DEFAULT_PROFILE);
  });

  it('has the seven projects, their partners and cofinancers', () => {
    expect(annex.projects.map((p) => p.id)).toEqual(['2.1', '2.2', '2.3', '2.4', '2.5', '2.6', '2.7']);
    expect(annex.projects.map((p) => p.budget.cofinancers.length)).toEqual([11, 8, 1, 15, 2, 10, 14]);
    expect(annex.projects.map((p) => p.partners.length)).toEqual([11, 8, 13, 15, 6, 13, 14]);
  });

  it('lays out all 15 partner rows of 2.4, in two tables with the running header between them', () => {
    const rows = laid.lines.filter((l) => l.cells && /^\d{1,2}\. /.test(l.cells[0] ?? '') && l.table !== undefined && l.table >= 14 && l.table <= 15);
    expect(rows.map((l) => Number.parseInt(l.cells![0]!, 10))).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    const between = laid.lines.slice(laid.lines.indexOf(rows[10]!) + 1, laid.lines.indexOf(rows[11]!)).map((l) => l.text);
    expect(between).toEqual(['Conciliazione Vita-Lavoro', 'Sistema Socio Sanitario', 'Regione Lombardia', 'ATS Val Padana']);
  });

  it(`agrees with the .md field by field (at least ${AGREEMENT_FLOOR}%)`, () => {
    const a = agreement(reference, annex, 80);
    console.log(`seed.docx agrees with the .md on ${a.percent.toFixed(2)}% of fields (${a.equal}/${a.fields})`);
    expect(a.percent, a.differences.join('\n')).toBeGreaterThanOrEqual(AGREEMENT_FLOOR);
  });

  it('puts every line on a page, pages increasing, and finds the printed numbers', () => {
    expect(laid.format).toBe('docx');
    expect(laid.pages).toBe(17); // 16 explicit page breaks
    let previous = 1;
    for (const line of laid.lines) {
      expect(line.page).not.toBeNull();
      expect(line.page!).toBeGreaterThanOrEqual(previous);
      previous = line.page!;
    }
    expect(previous).toBe(laid.pages);
    const printed = laid.lines.flatMap((l) => (l.role?.kind === 'page-number' ? [l.role.printed] : []));
    expect(printed).toEqual([38, 39, 60, 61, 76, 77, 82, 90, 91, 98, 104, 111, 112, 113, 114, 119]);
    expect(laid.tables).toHaveLength(35);
    expect(laid.tables.every((t) => t.method === 'markup' && t.accuracy === 1 && t.rows > 0)).toBe(true);
  });

  it('gives every record line a page', () => {
    const starts = annex.pageStarts ?? [];
    expect(starts[0]).toEqual({ line: 1, page: 1 });
    for (let i = 1; i < starts.length; i++) {
      expect(starts[i]!.line).toBeGreaterThan(starts[i - 1]!.line);
      expect(starts[i]!.page).toBeGreaterThan(starts[i - 1]!.page);
    }
    for (const p of annex.projects) {
      const pages = [
        ...p.partners.map((x) => pageOfLine(annex, x.line)),
        ...p.budget.lines.map((l) => pageOfLine(annex, p.budgetRowLines[l.cell.row]!)),
        ...p.budget.cofinancers.map((c) => pageOfLine(annex, p.budgetRowLines[c.entityCell.row]!)),
      ];
      expect(pages.length, p.id).toBeGreaterThan(0);
      expect(pages.every((x) => x !== null && x >= 1), p.id).toBe(true);
      const partnerPages = p.partners.map((x) => pageOfLine(annex, x.line)!);
      expect([...partnerPages].sort((a, b) => a - b), p.id).toEqual(partnerPages);
    }
  });

  it('keeps the partner role in italics, as the partner reader expects', () => {
    const row = laid.lines.find((l) => l.cells?.[0]?.startsWith('2. Altana'));
    expect(row?.cells?.[0]).toBe('2. Altana - <i>Partner attuativo</i>');
    expect(annex.projects[3]!.partners[1]).toMatchObject({ name: 'Altana', role: 'Partner attuativo' });
  });
});

// ---------------------------------------------------------------------------------------------
// Small Word files written by hand.

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

function docx(body: string, parts: Record<string, string> = {}): Uint8Array {
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`),
  };
  for (const [name, xml] of Object.entries(parts)) files[name] = strToU8(`<?xml version="1.0" encoding="UTF-8"?>${xml}`);
  return zipSync(files);
}

const run = (text: string, rPr = '') => `<w:r>${rPr ? `<w:rPr>${rPr}</w:rPr>` : ''}<w:t xml:space="preserve">${text}</w:t></w:r>`;
const para = (content: string, pPr = '') => `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}${content}</w:p>`;
const p = (text: string, pPr = '') => para(run(text), pPr);
const tc = (content: string, tcPr = '') => `<w:tc>${tcPr ? `<w:tcPr>${tcPr}</w:tcPr>` : ''}${content}</w:tc>`;
const tr = (...cells: string[]) => `<w:tr>${cells.join('')}</w:tr>`;
const tbl = (...rows: string[]) => `<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>${rows.join('')}</w:tbl>`;

const read = (body: string, parts?: Record<string, string>) => readDocx(docx(body, parts), 'test.docx');
const texts = (d: LaidDocument) => d.lines.map((l) => l.text);

async function refusal(bytes: Uint8Array): Promise<InputError> {
  try {
    await readDocx(bytes, 'bad.docx');
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    const line = (e as InputError).oneLine();
    expect(line).toMatch(/^bad\.docx: the Word file is damaged \(.+\)$/);
    expect(line).not.toContain('\n');
    return e as InputError;
  }
  throw new Error('not refused');
}

describe('Word tables', () => {
  it('keeps columns aligned under gridSpan and vMerge: the merged places are empty cells', async () => {
    const d = await read(tbl(
      tr(tc(p('Voce'), '<w:gridSpan w:val="2"/>'), tc(p('Importo'))),
      tr(tc(p('A'), '<w:vMerge w:val="restart"/>'), tc(p('a1')), tc(p('10'))),
      tr(tc(p(''), '<w:vMerge/>'), tc(p('a2')), tc(p('20'))),
      tr(tc(p('x'), '<w:vMerge w:val="continue"/><w:gridSpan w:val="2"/>'), tc(p('30'))),
    ));
    expect(d.lines.map((l) => l.cells)).toEqual([
      ['Voce', '', 'Importo'],
      ['A', 'a1', '10'],
      ['', 'a2', '20'],
      ['', '', '30'],
    ]);
    expect(d.lines[0]!.text).toBe('Voce\t\tImporto');
    expect(d.lines.every((l) => l.table === 1 && l.page === 1)).toBe(true);
    expect(d.tables).toEqual([{ table: 1, pages: [1, 1], rows: 4, columns: 3, method: 'markup', accuracy: 1, line: 1 }]);
  });

  it('makes one cell of a cell with several paragraphs, and numbers tables in order', async () => {
    const d = await read(
      tbl(tr(tc(p('Mario Rossi') + p('') + p('tel. 0376 1234') + p('m.rossi@example.it')), tc(p('Ente')))) +
      p('Testo tra le tabelle') +
      tbl(tr(tc(p('seconda')))),
    );
    expect(d.lines[0]!.cells).toEqual(['Mario Rossi tel. 0376 1234 m.rossi@example.it', 'Ente']);
    expect(d.lines.map((l) => l.table)).toEqual([1, undefined, 2]);
    expect(d.tables.map((t) => [t.table, t.line])).toEqual([[1, 1], [2, 3]]);
  });

  it('gridBefore leaves the skipped columns empty; a line break in a cell is a space', async () => {
    const d = await read(tbl(tr(tc(p('1'))), `<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>${tc(para(`${run('a')}<w:r><w:br/></w:r>${run('b')}`))}</w:tr>`));
    expect(d.lines.map((l) => l.cells)).toEqual([['1'], ['', 'a b']]);
  });

  it('near miss: rows in a table nested in a cell are flattened into that cell, not rows of their own', async () => {
    const inner = tbl(tr(tc(p('1. Comune di Crema')), tc(p('Ente locale'))), tr(tc(p('2. Koala')), tc(p('Cooperativa'))));
    const d = await read(tbl(tr(tc(p('NOME')), tc(p('TIPOLOGIA'))), tr(tc(inner + p('')), tc(p('dopo')))) + p('fine'));
    expect(d.lines.map((l) => l.cells ?? null)).toEqual([
      ['NOME', 'TIPOLOGIA'],
      ['1. Comune di Crema Ente locale 2. Koala Cooperativa', 'dopo'],
      null,
    ]);
    expect(d.tables).toHaveLength(1);
    expect(d.tables[0]).toMatchObject({ rows: 2, columns: 2 });
  });

  it('keeps a repeated header row as a row', async () => {
    const header = `<w:tr><w:trPr><w:tblHeader/></w:trPr>${tc(p('NOME'))}${tc(p('TIPO'))}</w:tr>`;
    const d = await read(tbl(header, tr(tc(p('a')), tc(p('b')))));
    expect(d.lines.map((l) => l.text)).toEqual(['NOME\tTIPO', 'a\tb']);
  });
});

describe('Word text', () => {
  it('wraps italic and bold runs, merging neighbours of the same formatting', async () => {
    const d = await read(
      para(run('Comune X - ') + run('Partner', '<w:i/>') + run(' ', '') + run('attuativo', '<w:i/>')) +
      para(run('a', '<w:i w:val="0"/>') + run('b', '<w:i w:val="false"/>') + run('c', '<w:b/><w:i/>') + run('d', '<w:b/>')) +
      para(run('   ', '<w:b/>')),
    );
    expect(texts(d)).toEqual(['Comune X - <i>Partner attuativo</i>', 'ab<b><i>c</i></b><b>d</b>', '   ']);
  });

  it('takes italics and bold from character styles (Emphasis, Strong), and direct formatting over them', async () => {
    const styles = `<w:styles xmlns:w="${W}">
      <w:style w:type="character" w:styleId="Emphasis"><w:rPr><w:i/></w:rPr></w:style>
      <w:style w:type="character" w:styleId="MyStrong"><w:basedOn w:val="Strong"/></w:style>
      <w:style w:type="character" w:styleId="Strong"><w:rPr><w:b/></w:rPr></w:style></w:styles>`;
    const d = await read(
      para(run('Altana - ') + run('Partner attuativo', '<w:rStyle w:val="Emphasis"/>')) +
      para(run('X', '<w:rStyle w:val="MyStrong"/>') + run('Y', '<w:rStyle w:val="Emphasis"/><w:i w:val="0"/>')),
      { 'word/styles.xml': styles },
    );
    expect(texts(d)).toEqual(['Altana - <i>Partner attuativo</i>', '<b>X</b>Y']);
  });

  it('turns tabs into spaces, keeps empty paragraphs as blank lines, and makes each manual line break a line', async () => {
    const d = await read(
      para(`${run('Sub-Allegato 2.1')}<w:r><w:br/><w:t>Punti 59</w:t><w:tab/><w:t>&amp; &lt;x&gt;</w:t></w:r>`) + '<w:p/>' + p('dopo'),
    );
    expect(texts(d)).toEqual(['Sub-Allegato 2.1', 'Punti 59 & <x>', '', 'dopo']);
    const tabs = await read(tbl(tr(tc(p('a\tb')), tc(p('c')))));
    expect(tabs.lines[0]!.cells).toEqual(['a b', 'c']);
  });

  it('leaves out deleted text, field codes, and the fallback copy of alternate content', async () => {
    const d = await read(para(
      `${run('tenuto ')}<w:del><w:r><w:delText>tolto</w:delText></w:r></w:del><w:ins>${run('aggiunto')}</w:ins>` +
      `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${run(' 7')}<w:r><w:fldChar w:fldCharType="end"/></w:r>` +
      `<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="wps">${run(' scelta')}</mc:Choice><mc:Fallback>${run(' copia')}</mc:Fallback></mc:AlternateContent>`,
    ));
    expect(texts(d)).toEqual(['tenuto aggiunto 7 scelta']);
  });

  it('puts the paragraphs of a text box after the paragraph it is anchored in', async () => {
    const box = `<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="wps"><w:drawing><wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:txbx><w:txbxContent>${p('nel riquadro')}${p('')}${p('seconda riga')}</w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>${p('nel riquadro')}</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>`;
    const d = await read(para(run('prima ') + box + run('dopo')) + tbl(tr(tc(para(run('cella') + box)))));
    expect(texts(d)).toEqual(['prima dopo', 'nel riquadro', 'seconda riga', 'cella nel riquadro seconda riga']);
  });

  it('writes list markers as the page shows them: bullets, numbers, letters', async () => {
    const numbering = `<w:numbering xmlns:w="${W}">
      <w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uF0B7"/></w:lvl></w:abstractNum>
      <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl></w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
      <w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="4"/></w:lvlOverride></w:num></w:numbering>`;
    const item = (text: string, numId: number, ilvl = 0) => p(text, `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr>`);
    const d = await read(
      item('d) Servizi di consulenza', 1) + item('primo', 2) + item('sotto', 2, 1) + item('sotto ancora', 2, 1) + item('secondo', 2) + item('dopo', 2, 1) + item('quarto', 3),
      { 'word/numbering.xml': numbering },
    );
    expect(texts(d)).toEqual(['• d) Servizi di consulenza', '1. primo', 'a) sotto', 'b) sotto ancora', '2. secondo', 'a) dopo', '4. quarto']);
  });
});

describe('Word pages', () => {
  it('starts page 2 after a page break, and reads the page number printed before it', async () => {
    const d = await read(p('primo') + p('- 39 -') + para(`${run('40')}<w:r><w:br w:type="page"/></w:r>`) + p('secondo'));
    expect(d.lines.map((l) => [l.text, l.page])).toEqual([['primo', 1], ['- 39 -', 1], ['40', 1], ['secondo', 2]]);
    expect(d.lines[2]!.role).toEqual({ kind: 'page-number', printed: 40 });
    expect(d.lines[1]!.role).toBeUndefined();
    expect(d.lines[3]!.role).toBeUndefined(); // "secondo" ends the document but is not a number
    expect(d.pages).toBe(2);
  });

  it('splits a paragraph at a page break inside it', async () => {
    const d = await read(para(`${run('fine pagina')}<w:r><w:br w:type="page"/></w:r>${run('inizio')}`) + p('Pag. 2'));
    expect(d.lines.map((l) => [l.text, l.page])).toEqual([['fine pagina', 1], ['inizio', 2], ['Pag. 2', 2]]);
    expect(d.lines[2]!.role).toEqual({ kind: 'page-number', printed: 2 });
  });

  it('starts a page before pageBreakBefore (direct or by style) and at a next-page section break, not at a continuous one', async () => {
    const styles = `<w:styles xmlns:w="${W}"><w:style w:type="paragraph" w:styleId="Titolo"><w:pPr><w:pageBreakBefore/></w:pPr></w:style></w:styles>`;
    const d = await read(
      p('uno') + p('due', '<w:pageBreakBefore/>') + p('tre', '<w:pStyle w:val="Titolo"/>') +
      p('fine sezione', '<w:sectPr><w:type w:val="continuous"/></w:sectPr>') + // the next section says nextPage
      p('quattro', '<w:sectPr><w:type w:val="nextPage"/></w:sectPr>') + // the next section says continuous
      p('cinque') + p('no', '<w:pageBreakBefore w:val="0"/>') +
      '<w:sectPr><w:type w:val="continuous"/></w:sectPr>',
      { 'word/styles.xml': styles },
    );
    expect(d.lines.map((l) => [l.text, l.page])).toEqual([
      ['uno', 1], ['due', 2], ['tre', 3], ['fine sezione', 3], ['quattro', 4], ['cinque', 4], ['no', 4],
    ]);
  });

  it("uses Word's rendered page breaks only when the file has no explicit break", async () => {
    const lrpb = '<w:r><w:lastRenderedPageBreak/></w:r>';
    const hints = await read(p('uno') + para(lrpb + run('due')) + para(run('tre') + lrpb + run(' quattro')) + p('cinque'));
    // A paragraph the layout carried over a page is one line, on the page where it starts.
    expect(hints.lines.map((l) => [l.text, l.page])).toEqual([['uno', 1], ['due', 2], ['tre quattro', 2], ['cinque', 3]]);
    const explicit = await read(p('uno') + para(lrpb + run('due')) + para(`${run('tre')}<w:r><w:br w:type="page"/></w:r>`) + p('quattro'));
    expect(explicit.lines.map((l) => l.page)).toEqual([1, 1, 1, 2]);
  });

  it('puts a table row that follows a page break inside the row on the new page', async () => {
    const d = await read(tbl(tr(tc(p('a'))), tr(tc(para(`<w:r><w:br w:type="page"/></w:r>${run('b')}`))), tr(tc(p('c')))));
    expect(d.lines.map((l) => [l.text, l.page])).toEqual([['a', 1], ['b', 2], ['c', 2]]);
    expect(d.tables[0]!.pages).toEqual([1, 2]);
  });
});

describe('damaged Word files', () => {
  it('refuses bytes that are not a ZIP', async () => {
    const e = await refusal(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3, 4, 5]));
    expect(e.message).toContain('ZIP');
  });

  it('refuses a ZIP cut short', async () => {
    const bytes = docx(p('testo'));
    await refusal(bytes.subarray(0, bytes.length - 30));
  });

  it('refuses a ZIP without word/document.xml, through readSource too', async () => {
    const bytes = zipSync({ 'word/styles.xml': strToU8('<w:styles/>') });
    const e = await refusal(bytes);
    expect(e.message).toContain('word/document.xml');
    await expect(readSource(bytes, 'bad.docx')).rejects.toBeInstanceOf(InputError);
  });

  it('refuses a document that is not well-formed XML, on one line', async () => {
    const bytes = zipSync({ 'word/document.xml': strToU8(`<w:document xmlns:w="${W}"><w:body><w:p><w:r><w:t>a</w:r></w:p></w:body></w:document>`) });
    const e = await refusal(bytes);
    expect(e.message).toContain('not well-formed XML');
  });

  it('refuses a part that says it inflates past 200 MB (a ZIP bomb) without inflating it', async () => {
    const bytes = docx(p('testo'));
    // Central directory entry of word/document.xml: its uncompressed size (offset 24) says 4 GB.
    const name = strToU8('word/document.xml');
    let at = -1;
    for (let i = bytes.length - 46; i >= 0; i--) {
      if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 1 && bytes[i + 3] === 2
        && name.every((c, k) => bytes[i + 46 + k] === c)) {
        at = i;
        break;
      }
    }
    expect(at).toBeGreaterThan(0);
    const bomb = bytes.slice();
    new DataView(bomb.buffer).setUint32(at + 24, 0xfffffff0, true);
    await expect(readDocx(bomb, 'bomb.docx')).rejects.toThrow(/ZIP bomb/);
  });
});

describe('boxes and ticks Word draws rather than writes', () => {
  const checkBox = (state: string) =>
    `<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:checkBox><w:sizeAuto/>${state}</w:checkBox></w:ffData></w:fldChar></w:r>` +
    '<w:r><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>';
  const sym = (font: string, char: string) => `<w:r><w:sym w:font="${font}" w:char="${char}"/></w:r>`;

  it('reads a legacy check-box field by its state: its own, else its default', async () => {
    const doc = await read([
      para(checkBox('<w:default w:val="1"/>') + run(' a')),
      para(checkBox('<w:default w:val="0"/>') + run(' b')),
      para(checkBox('<w:default w:val="0"/><w:checked/>') + run(' c')),
      para(checkBox('<w:default w:val="1"/><w:checked w:val="0"/>') + run(' d')),
      // A text field's default is its text, not a box's state.
      para(`<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:textInput><w:default w:val="1"/></w:textInput></w:ffData></w:fldChar></w:r>${run('e')}`),
    ].join(''));
    expect(texts(doc).filter((t) => t !== '')).toEqual(['☒ a', '☐ b', '☒ c', '☐ d', 'e']);
  });

  it('reads symbol-font boxes as the characters they show, others as private-use glyphs', async () => {
    const doc = await read([
      para(sym('Wingdings', 'F0FE') + run(' ticked')),
      para(sym('Wingdings', 'F0A8') + run(' empty')),
      para(sym('Wingdings 2', 'F054') + run(' crossed')),
      para(sym('Wingdings', 'F04A') + run(' smiley')),
    ].join(''));
    expect(texts(doc).filter((t) => t !== '')).toEqual(['☑ ticked', '☐ empty', '☒ crossed', '\uF04A smiley']);
  });

  it("reads ATS Brescia's annex with its boxes as form fields and Wingdings symbols like the .md", async () => {
    const read = async (p: string) => readAnnexDocument(await readSource(readFileSync(path(p)), p), DEFAULT_PROFILE);
    const a = agreement(await read('../fixtures/agencies/ats-brescia-2023.md'), await read('../fixtures/docx-forms/ats-brescia-2023.forms.docx'));
    expect(a.differences).toEqual([]);
    expect(a.percent).toBe(100);
  });
});
