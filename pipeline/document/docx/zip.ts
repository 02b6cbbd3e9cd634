// The parts of a Word file the front end reads, out of its ZIP container: only the entries
// asked for are inflated (fflate's unzipSync with a filter), and an entry that says it inflates
// to more than the limit is refused before any byte of it is inflated (a ZIP bomb). An entry
// whose header understates its size cannot grow past what it declared either: fflate inflates
// into a buffer of the declared size, so the text comes out cut short and fails as XML.
import { unzipSync } from 'fflate';
import { InputError } from '../../errors.js';

/** 200 MB of XML: far above any annex (the seed's document.xml is 1.6 MB). */
const MAX_PART_BYTES = 200 * 1024 * 1024;

export function damaged(file: string, what: string): InputError {
  const detail = what.replace(/\s+/g, ' ');
  return new InputError(file, null, { en: `the Word file is damaged (${detail})`, it: `il file Word è danneggiato (${detail})` });
}

/** The named entries that are present, inflated; refuses a file that is not a readable ZIP. */
export function zipEntries(bytes: Uint8Array, file: string, names: readonly string[], limit = MAX_PART_BYTES): Map<string, Uint8Array> {
  const wanted = new Set(names);
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (entry) => {
        if (!wanted.has(entry.name)) return false;
        if (entry.originalSize > limit) {
          const mb = Math.round(entry.originalSize / (1024 * 1024));
          const max = Math.round(limit / (1024 * 1024));
          throw new InputError(file, null, {
            en: `the Word file's ${entry.name} would inflate to ${mb} MB, over the ${max} MB a document part may have: refused as a ZIP bomb`,
            it: `la parte ${entry.name} del file Word si espanderebbe a ${mb} MB, oltre i ${max} MB ammessi per una parte: rifiutato come ZIP bomb`,
          });
        }
        return true;
      },
    });
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw damaged(file, `its ZIP container cannot be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  return new Map(Object.entries(entries));
}

/** XML bytes -> text: UTF-16 when a byte order mark says so, UTF-8 otherwise (the norm for OOXML). */
export function xmlText(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes); // drops a UTF-8 BOM
}
