// decode.ts tells binary content by its first 64 KB, reading them four bytes at a time: the answer
// must be the one a byte-by-byte reading gives, wherever the file's bytes start in memory.
import { describe, expect, it } from 'vitest';
import { decodeAnnex } from '../../pipeline/annex/decode.js';
import { InputError } from '../../pipeline/errors.js';

/** The byte-by-byte reading: binary at a NUL, or with more than 1% of stray C0 controls. */
function byteByByte(bytes: Uint8Array): { binary: boolean; offset: number } {
  const sample = bytes.subarray(0, 64 * 1024);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i]!;
    if (b === 0) return { binary: true, offset: i };
    if (b < 0x20 && ![0x09, 0x0a, 0x0c, 0x0d, 0x1b].includes(b)) control++;
  }
  return { binary: sample.length > 0 && control / sample.length > 0.01, offset: 0 };
}

/** null when the bytes are read as text, else the line decodeAnnex names for the binary content. */
function binaryLine(bytes: Uint8Array): number | null | 'text' {
  try {
    decodeAnnex(bytes, 'f.md');
    return 'text';
  } catch (e) {
    if (e instanceof InputError && /not a text file/.test(e.message)) return e.line;
    return 'text'; // refused for another reason (no text): not as binary
  }
}

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('binary content', () => {
  it('is told as byte by byte, at every alignment and near the 1% threshold', () => {
    const next = random(7);
    const outcomes = new Set<string>();
    for (let round = 0; round < 400; round++) {
      const length = 1 + Math.floor(next() * (round % 4 === 0 ? 70_000 : 400));
      const controls = next() * 0.03;
      const nul = next() < 0.2;
      const buffer = new Uint8Array(length + 8);
      for (let i = 0; i < buffer.length; i++) {
        const r = next();
        buffer[i] = r < controls ? 1 + Math.floor(next() * 0x1f) : r < 0.1 ? 0x0a : 0x41 + Math.floor(next() * 26);
        if (nul && r > 0.9995) buffer[i] = 0;
      }
      buffer[0] = 0x41; // not a byte-order mark
      for (let start = 0; start < 4; start++) {
        const bytes = buffer.subarray(start, start + length);
        bytes[0] = 0x41;
        const expected = byteByByte(bytes);
        const got = binaryLine(bytes);
        const line = 1 + bytes.subarray(0, expected.offset).filter((b) => b === 0x0a).length;
        expect(got).toBe(expected.binary ? line : 'text');
        outcomes.add(`${expected.binary} ${expected.offset > 0}`);
      }
    }
    // Text, binary by its controls, and binary at a NUL all turned up.
    expect([...outcomes].sort()).toEqual(['false false', 'true false', 'true true']);
  });

  it('names the line of the first NUL', () => {
    const bytes = new TextEncoder().encode('uno\ndue\ntre\0\nquattro\0\n');
    expect(binaryLine(bytes)).toBe(3);
  });
});
