// Bytes of an input -> the document the readers see. The format is told by the bytes (magic
// numbers), not by the file name, and a format that is not ours is refused here with a line
// that says what was detected. The PDF and Word front ends are loaded only when such a file
// comes (pdf.js alone is a large module).
import { documentOfLaid, type AnnexDocument } from '../annex/document.js';
import { InputError, type Words } from '../errors.js';
import { readTextDocument } from './text/read-text.js';

export type DetectedFormat = 'pdf' | 'docx' | 'text';

const startsWith = (bytes: Uint8Array, ascii: string, at = 0) =>
  bytes.length >= at + ascii.length && [...ascii].every((c, i) => bytes[at + i] === c.charCodeAt(0));

/**
 * The entry names of a ZIP archive, as its central directory (at the end of the file) spells
 * them: enough to tell a Word file from a workbook or an OpenDocument file without unzipping.
 */
function zipDirectory(bytes: Uint8Array): string {
  return new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, bytes.length - 512 * 1024)));
}

/** What the bytes are; refuses (InputError) the formats that are not an annex we can read. */
function detectFormat(bytes: Uint8Array, file: string): DetectedFormat {
  const refuse = (what: Words, todo: Words): never => {
    throw new InputError(file, null, { en: `${what.en}: ${todo.en}`, it: `${what.it}: ${todo.it}` });
  };
  const EXPORT = { en: 'export the annex as PDF, Word (.docx) or text', it: "esportare l'allegato in PDF, Word (.docx) o testo" };
  const SAVE = { en: 'save it as .docx or PDF first', it: 'salvarlo prima come .docx o PDF' };
  // A PDF may have a few bytes of junk before its header; readers accept it within 1 KB.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (head.includes('%PDF-')) return 'pdf';
  if (startsWith(bytes, 'PK\u0003\u0004')) {
    const directory = zipDirectory(bytes);
    if (directory.includes('word/document.xml')) return 'docx';
    if (directory.includes('xl/workbook.xml')) refuse({ en: 'this is an Excel workbook (.xlsx), not an annex', it: 'questa è una cartella di lavoro Excel (.xlsx), non un allegato' }, EXPORT);
    if (directory.includes('ppt/presentation.xml')) refuse({ en: 'this is a PowerPoint file, not an annex', it: 'questo è un file PowerPoint, non un allegato' }, EXPORT);
    if (directory.includes('content.xml') && directory.includes('mimetype')) {
      refuse({ en: 'this is an OpenDocument file (.odt/.ods)', it: 'questo è un file OpenDocument (.odt/.ods)' }, { en: 'save it as Word (.docx) or PDF, or as text', it: 'salvarlo come Word (.docx) o PDF, o come testo' });
    }
    refuse({ en: 'this is a ZIP archive, not an annex', it: 'questo è un archivio ZIP, non un allegato' }, { en: 'extract it and give the PDF, Word or text files inside', it: 'estrarlo e indicare i file PDF, Word o di testo che contiene' });
  }
  if (startsWith(bytes, '\u00d0\u00cf\u0011\u00e0')) refuse({ en: 'this is an old Word 97-2003 file (.doc)', it: 'questo è un vecchio file Word 97-2003 (.doc)' }, SAVE);
  if (startsWith(bytes, '{\\rtf')) refuse({ en: 'this is an RTF file', it: 'questo è un file RTF' }, SAVE);
  if (startsWith(bytes, '\u0089PNG') || startsWith(bytes, '\u00ff\u00d8\u00ff') || startsWith(bytes, 'II*\u0000') || startsWith(bytes, 'MM\u0000*')) {
    refuse({ en: 'this is an image (a scan)', it: "questa è un'immagine (una scansione)" }, { en: 'run OCR first, then give the PDF with its text layer', it: 'eseguire prima un OCR, poi indicare il PDF con il suo testo' });
  }
  return 'text';
}

/** The document of one input, whatever its format. */
export async function readSource(bytes: Uint8Array, file: string): Promise<AnnexDocument> {
  switch (detectFormat(bytes, file)) {
    case 'pdf': {
      const { readPdf } = await import('./pdf/read-pdf.js');
      return documentOfLaid(await readPdf(bytes, file), file);
    }
    case 'docx': {
      const { readDocx } = await import('./docx/read-docx.js');
      return documentOfLaid(await readDocx(bytes, file), file);
    }
    case 'text':
      return readTextDocument(bytes, file);
  }
}
