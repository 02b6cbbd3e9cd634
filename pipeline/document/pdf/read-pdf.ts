// PDF front end: pdf.js (Mozilla's reader, legacy build for Node, no native code) gives each
// page's positioned text and drawing (page-content.ts); each page is rebuilt as lines and tables
// (page-layout.ts), and the pages are put together into the document model (assemble.ts).
import { InputError } from '../../errors.js';
import type { LaidDocument } from '../model.js';
import { assemble } from './assemble.js';
import { pageContent } from './page-content.js';
import { layoutPage, type PageLayout } from './page-layout.js';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type PDFDocumentProxy = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;

async function openPdf(pdfjs: PdfJs, bytes: Uint8Array, file: string) {
  try {
    // pdf.js takes ownership of the buffer it is given (and refuses a Buffer): a plain copy.
    return await pdfjs.getDocument({
      data: new Uint8Array(bytes),
      verbosity: 0,
      disableFontFace: true,
      isEvalSupported: false,
      useSystemFonts: false,
      stopAtErrors: false,
    }).promise;
  } catch (e) {
    const name = (e as { name?: string }).name ?? '';
    if (name === 'PasswordException') {
      throw new InputError(file, null, {
        en: 'the PDF is encrypted (password-protected): save an unprotected copy and give that',
        it: 'il PDF è cifrato (protetto da password): salvarne una copia non protetta e indicare quella',
      });
    }
    const detail = ((e as Error).message ?? String(e)).replace(/\s+/g, ' ').slice(0, 100);
    throw new InputError(file, null, { en: `the PDF is damaged and cannot be read (${detail})`, it: `il PDF è danneggiato e non si può leggere (${detail})` });
  }
}

/** One page through pdf.js; what pdf.js cannot parse is a damaged file. */
async function readPage(pdfjs: PdfJs, doc: PDFDocumentProxy, n: number, styles: Map<string, { bold: boolean; italic: boolean }>, file: string) {
  try {
    const page = await doc.getPage(n);
    const content = await pageContent(pdfjs, page, styles);
    page.cleanup();
    return content;
  } catch (e) {
    const detail = ((e as Error).message ?? String(e)).replace(/\s+/g, ' ').slice(0, 100);
    throw new InputError(file, null, { en: `the PDF is damaged: page ${n} cannot be read (${detail})`, it: `il PDF è danneggiato: la pagina ${n} non si può leggere (${detail})` });
  }
}

async function readPages(pdfjs: PdfJs, bytes: Uint8Array, file: string): Promise<{ pages: PageLayout[]; textless: number[] }> {
  const doc = await openPdf(pdfjs, bytes, file);
  const styles = new Map<string, { bold: boolean; italic: boolean }>();
  const pages: PageLayout[] = [];
  const textless: number[] = [];
  let runs = 0;
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await readPage(pdfjs, doc, n, styles, file);
      runs += content.runs.length;
      if (content.runs.length === 0) textless.push(n);
      // Our own layout code runs outside the catch: a bug of ours is never called a damaged file.
      pages.push(layoutPage(content));
    }
  } finally {
    await doc.destroy();
  }
  if (runs === 0) {
    throw new InputError(file, null, {
      en: `no text layer: the PDF is a scanned image; run OCR first (${pages.length} page${pages.length === 1 ? '' : 's'}, no text)`,
      it: `nessun testo: il PDF è un'immagine scansionata; eseguire prima un OCR (${pages.length} pagin${pages.length === 1 ? 'a' : 'e'}, nessun testo)`,
    });
  }
  return { pages, textless };
}

// pdf.js' legacy build (the one that runs on Node 20) carries core-js, which on V8 replaces
// Array.prototype.push and JSON.parse for the whole process with functions written in JavaScript
// (to mend edge cases no array of ours reaches: lengths past 2^32, a reviver's source text).
// Every push after that, in pdf.js and in our readers and writers alike, runs the slow copy. Both
// modules (the worker, which runs in this thread, carries its own copy) are loaded here, and the
// native functions are put back once they are.
async function loadPdfJs(): Promise<PdfJs> {
  const natives = { push: Array.prototype.push, parse: JSON.parse };
  const [pdfjs] = await Promise.all([import('pdfjs-dist/legacy/build/pdf.mjs'), import('pdfjs-dist/legacy/build/pdf.worker.mjs')]);
  Object.defineProperty(Array.prototype, 'push', { value: natives.push, writable: true, configurable: true, enumerable: false });
  Object.defineProperty(JSON, 'parse', { value: natives.parse, writable: true, configurable: true, enumerable: false });
  return pdfjs;
}

export async function readPdf(bytes: Uint8Array, file: string): Promise<LaidDocument> {
  const pdfjs = await loadPdfJs();
  const { pages, textless } = await readPages(pdfjs, bytes, file);
  return { ...assemble(pages), ...(textless.length > 0 ? { textless } : {}) };
}
