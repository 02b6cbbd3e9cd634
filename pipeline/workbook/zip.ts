// A zip file written entry by entry, for the workbook: deflated with Node's zlib, every date
// fixed, so that the same parts always give the same bytes. An entry is either whole (add) or
// written in pieces (open, write, close): each piece is deflated on its own and flushed to a byte
// boundary, the last one finishes the stream, so a large sheet never sits in memory whole. Its
// local header is written first and filled in once the sizes are known. Zip64 records are added
// only when the entries or offsets outgrow the classic format.
import { closeSync, openSync, writeSync } from 'node:fs';
import { constants, crc32, deflateRawSync } from 'node:zlib';

const LEVEL = 6;
/** 2020-01-01 00:00, in MS-DOS date and time. */
const DOS_TIME = 0;
const DOS_DATE = ((2020 - 1980) << 9) | (1 << 5) | 1;
const MAX32 = 0xffffffff;
const MAX16 = 0xffff;

interface Entry {
  /** Kept as text: a small Buffer would hold on to a whole slab of Node's buffer pool. */
  name: string;
  offset: number;
  crc: number;
  compressed: number;
  size: number;
}

export interface EntryWriter {
  write(data: string | Uint8Array): void;
  close(): void;
}

export class ZipWriter {
  private readonly fd: number;
  private position = 0;
  /** The central directory, built as entries close: bytes, not an object per entry. */
  private directory: Buffer = Buffer.alloc(64 * 1024);
  private directoryLength = 0;
  private count = 0;
  private open_: boolean = false;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  private put(buf: Uint8Array, at?: number): void {
    if (at === undefined) {
      let done = 0;
      while (done < buf.length) done += writeSync(this.fd, buf, done, buf.length - done);
      this.position += buf.length;
    } else {
      let done = 0;
      while (done < buf.length) done += writeSync(this.fd, buf, done, buf.length - done, at + done);
    }
  }

  private localHeader(e: Entry): Buffer {
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4); // version needed
    h.writeUInt16LE(0x0800, 6); // UTF-8 names
    h.writeUInt16LE(8, 8); // deflate
    h.writeUInt16LE(DOS_TIME, 10);
    h.writeUInt16LE(DOS_DATE, 12);
    h.writeUInt32LE(e.crc >>> 0, 14);
    h.writeUInt32LE(e.compressed, 18);
    h.writeUInt32LE(e.size, 22);
    const name = Buffer.from(e.name, 'utf8');
    h.writeUInt16LE(name.length, 26);
    h.writeUInt16LE(0, 28);
    return Buffer.concat([h, name]);
  }

  /** An entry written in pieces; one at a time. */
  open(name: string): EntryWriter {
    if (this.open_) throw new Error('zip: an entry is still open');
    this.open_ = true;
    const e: Entry = { name, offset: this.position, crc: 0, compressed: 0, size: 0 };
    const header = this.localHeader(e);
    this.put(header);
    // Pieces wait as they came (text as text: one Buffer per megabyte, not one per piece).
    let pending: (string | Uint8Array)[] = [];
    let pendingSize = 0;
    const flush = (final: boolean) => {
      const data = pending.every((p) => typeof p === 'string')
        ? Buffer.from((pending as string[]).join(''), 'utf8')
        : Buffer.concat(pending.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p)));
      pending = [];
      pendingSize = 0;
      e.crc = crc32(data, e.crc);
      e.size += data.length;
      const out = deflateRawSync(data, { level: LEVEL, finishFlush: final ? constants.Z_FINISH : constants.Z_FULL_FLUSH });
      e.compressed += out.length;
      this.put(out);
    };
    return {
      write: (data) => {
        if (data.length === 0) return;
        pending.push(data);
        pendingSize += data.length;
        if (pendingSize >= 1 << 20) flush(false);
      },
      close: () => {
        flush(true);
        if (e.size > MAX32 || e.compressed > MAX32) throw new Error(`zip: ${name} is over 4 GB`);
        this.put(this.localHeader(e), e.offset);
        this.addToDirectory(e);
        this.open_ = false;
      },
    };
  }

  add(name: string, data: string | Uint8Array): void {
    const w = this.open(name);
    w.write(data);
    w.close();
  }

  private addToDirectory(e: Entry): void {
    const far = e.offset >= MAX32;
    const name = Buffer.from(e.name, 'utf8');
    const record = Buffer.alloc(46 + name.length + (far ? 12 : 0));
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(far ? 45 : 20, 4); // made by
    record.writeUInt16LE(far ? 45 : 20, 6); // needed
    record.writeUInt16LE(0x0800, 8);
    record.writeUInt16LE(8, 10);
    record.writeUInt16LE(DOS_TIME, 12);
    record.writeUInt16LE(DOS_DATE, 14);
    record.writeUInt32LE(e.crc >>> 0, 16);
    record.writeUInt32LE(e.compressed, 20);
    record.writeUInt32LE(e.size, 24);
    record.writeUInt16LE(name.length, 28);
    record.writeUInt16LE(far ? 12 : 0, 30);
    record.writeUInt32LE(far ? MAX32 : e.offset, 42);
    name.copy(record, 46);
    if (far) {
      record.writeUInt16LE(0x0001, 46 + name.length);
      record.writeUInt16LE(8, 48 + name.length);
      record.writeBigUInt64LE(BigInt(e.offset), 50 + name.length);
    }
    if (this.directoryLength + record.length > this.directory.length) {
      const bigger = Buffer.alloc(Math.max(this.directory.length * 2, this.directoryLength + record.length));
      this.directory.copy(bigger, 0, 0, this.directoryLength);
      this.directory = bigger;
    }
    record.copy(this.directory, this.directoryLength);
    this.directoryLength += record.length;
    this.count++;
  }

  /** Writes the central directory and closes the file. */
  close(): void {
    const start = this.position;
    this.put(this.directory.subarray(0, this.directoryLength));
    const size = this.directoryLength;
    const count = this.count;
    if (count >= MAX16 || start >= MAX32 || size >= MAX32) {
      const at = this.position;
      const z = Buffer.alloc(56);
      z.writeUInt32LE(0x06064b50, 0);
      z.writeBigUInt64LE(44n, 4);
      z.writeUInt16LE(45, 12);
      z.writeUInt16LE(45, 14);
      z.writeBigUInt64LE(BigInt(count), 24);
      z.writeBigUInt64LE(BigInt(count), 32);
      z.writeBigUInt64LE(BigInt(size), 40);
      z.writeBigUInt64LE(BigInt(start), 48);
      const locator = Buffer.alloc(20);
      locator.writeUInt32LE(0x07064b50, 0);
      locator.writeBigUInt64LE(BigInt(at), 8);
      locator.writeUInt32LE(1, 16);
      this.put(Buffer.concat([z, locator]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(Math.min(count, MAX16), 8);
    end.writeUInt16LE(Math.min(count, MAX16), 10);
    end.writeUInt32LE(Math.min(size, MAX32), 12);
    end.writeUInt32LE(Math.min(start, MAX32), 16);
    this.put(end);
    closeSync(this.fd);
  }

  /** Closes the file without finishing it (the caller removes it). */
  abort(): void {
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
  }
}
