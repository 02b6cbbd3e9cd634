// Bytes to lines. Converters hand us UTF-8 with or without a byte-order mark, CRLF or LF,
// now and then UTF-16 or a legacy 8-bit encoding; anything that is not text is refused here
// with a message, so that no later stage has to guess.
import { isUtf8 } from 'node:buffer';
import { InputError } from '../errors.js';

export interface DecodedText {
  lines: string[];
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
  bom: boolean;
  lineEnding: 'lf' | 'crlf' | 'cr' | 'mixed' | 'none';
}

// Node's TextDecoder reads "windows-1252" as Latin-1, losing €, dashes and quotes: the
// 0x80-0x9F block is mapped here by hand.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : String.fromCharCode(b);
  return out;
}

function isBinary(bytes: Uint8Array): { binary: boolean; offset: number } {
  const sample = bytes.subarray(0, 64 * 1024);
  const nul = sample.indexOf(0);
  if (nul >= 0) return { binary: true, offset: nul };
  return { binary: sample.length > 0 && strayControls(sample) / sample.length > 0.01, offset: 0 };
}

/** A C0 control other than tab, LF, FF, CR and ESC, which turn up in real text. */
const isStray = (b: number) => b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1b;

function strayIn(sample: Uint8Array, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) if (isStray(sample[i]!)) count++;
  return count;
}

/**
 * The stray controls in the sample. Text has a control byte (a line feed, a tab) only every few
 * dozen bytes: the sample is read four bytes at a time, where a view can start on a multiple of
 * four, and only a word holding a byte below 0x20 is looked at byte by byte.
 */
function strayControls(sample: Uint8Array): number {
  const head = (4 - (sample.byteOffset & 3)) & 3;
  if (sample.length < head + 4) return strayIn(sample, 0, sample.length);
  const words = new Uint32Array(sample.buffer, sample.byteOffset + head, (sample.length - head) >> 2);
  let count = strayIn(sample, 0, head);
  for (let w = 0; w < words.length; w++) {
    const word = words[w]!;
    // Non-zero exactly when some byte of the word is below 0x20: the lowest such byte wraps round
    // when 0x20 is taken from it, setting a high bit its own value lacks; with none, none wraps.
    if (((word - 0x20202020) & ~word & 0x80808080) !== 0) count += strayIn(sample, head + 4 * w, head + 4 * w + 4);
  }
  return count + strayIn(sample, head + 4 * words.length, sample.length);
}

function lineOfOffset(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

function lineEndingOf(text: string): DecodedText['lineEnding'] {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length - crlf;
  const cr = (text.match(/\r(?!\n)/g) ?? []).length;
  const kinds = [crlf > 0, lf > 0, cr > 0].filter(Boolean).length;
  return kinds === 0 ? 'none' : kinds > 1 ? 'mixed' : crlf > 0 ? 'crlf' : lf > 0 ? 'lf' : 'cr';
}

// A string of more than about 128 KB is made in V8's large-object space, fresh memory each time,
// which costs more than decoding it: a file of a few hundred KB decoded whole took twice as long
// as the same bytes decoded a piece at a time. Pieces end at a line feed (a byte that is never
// part of a longer UTF-8 character), so each piece splits into whole lines.
const PIECE = 32 * 1024;

/**
 * The lines of valid UTF-8 without a CR, decoded a piece at a time; null when they hold no
 * text. The decoder streams, so the byte-order mark is dropped at the start of the file only.
 */
function utf8LfLines(body: Uint8Array): string[] | null {
  const decoder = new TextDecoder('utf-8');
  const lines: string[] = [];
  let blank = true;
  // Each piece ends before a line feed, the next starts after it: a file that ends with one
  // ends with an empty piece, its last (empty) line.
  for (let start = 0; ; ) {
    const feed = start + PIECE >= body.length ? -1 : body.indexOf(0x0a, start + PIECE);
    const end = feed < 0 ? body.length : feed;
    const piece = decoder.decode(body.subarray(start, end), { stream: end < body.length });
    if (blank) blank = piece.trim() === '';
    pushLines(piece, lines);
    if (feed < 0) break;
    start = feed + 1;
  }
  return blank ? null : lines;
}

/** The piece's lines onto `lines`: cut at each line feed found, cheaper than split's array. */
function pushLines(piece: string, lines: string[]): void {
  for (let from = 0; ; ) {
    const feed = piece.indexOf('\n', from);
    if (feed < 0) {
      lines.push(piece.slice(from));
      return;
    }
    lines.push(piece.slice(from, feed));
    from = feed + 1;
  }
}

/** Lines split at LF alone, named by their ending before a final one is dropped. */
function lfLines(lines: string[], bom: boolean): DecodedText {
  const lineEnding = lines.length > 1 ? 'lf' : 'none';
  // A final line ending does not open one more line.
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return { lines, encoding: 'utf-8', bom, lineEnding };
}

export function decodeAnnex(bytes: Uint8Array, file: string): DecodedText {
  if (bytes.length === 0) throw new InputError(file, null, { en: 'the file is empty', it: 'il file è vuoto' });
  let encoding: DecodedText['encoding'] = 'utf-8';
  let bom = false;
  let body = bytes;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    bom = true;
    body = bytes.subarray(3);
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    bom = true;
    encoding = 'utf-16le';
    body = bytes.subarray(2);
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    bom = true;
    encoding = 'utf-16be';
    body = bytes.subarray(2);
  }
  const noText = () => new InputError(file, null, { en: 'the file holds no text', it: 'il file non contiene testo' });
  let text: string;
  if (encoding === 'utf-8') {
    const probe = isBinary(body);
    if (probe.binary) {
      throw new InputError(file, lineOfOffset(body, probe.offset), {
        en: 'this is not a text file (binary content); expected an annex converted to text or markdown',
        it: 'questo non è un file di testo (contenuto binario); atteso un allegato convertito in testo o markdown',
      });
    }
    // isUtf8 accepts exactly what a fatal TextDecoder does (both WHATWG UTF-8), without decoding.
    if (isUtf8(body)) {
      // Most files end their lines with LF alone: those are read a piece at a time.
      if (body.indexOf(0x0d) < 0) {
        const lines = utf8LfLines(body);
        if (lines === null) throw noText();
        return lfLines(lines, bom);
      }
      text = new TextDecoder('utf-8').decode(body);
    } else {
      // Old converters write Windows-1252; its bytes are never valid UTF-8 in Italian text.
      encoding = 'windows-1252';
      text = decodeWindows1252(body);
    }
  } else {
    text = new TextDecoder(encoding).decode(body);
    if (text.includes('\u0000')) throw new InputError(file, null, { en: 'this is not a text file (binary content)', it: 'questo non è un file di testo (contenuto binario)' });
  }
  if (text.trim() === '') throw noText();
  // Most files end their lines with LF alone: without a CR, one plain split says it all.
  const withCr = text.includes('\r');
  const lines = withCr ? text.split(/\r\n|\r|\n/) : text.split('\n');
  const lineEnding = withCr ? lineEndingOf(text) : lines.length > 1 ? 'lf' : 'none';
  // A final line ending does not open one more line.
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return { lines, encoding, bom, lineEnding };
}
