// What the reader makes of every input the project holds (the seed and every fixture annex: text,
// PDF, Word, other agencies' templates, other producers), pinned by a digest of each annex
// record, or of the refusal's message. Work on the reader's speed must leave every digest as it
// is: a change in what is read changes one, and the snapshot says which input's. A change meant
// to read an input otherwise updates the snapshot on purpose (`npx vitest -u`), in its own commit.
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../pipeline/errors.js';
import { readAnnexFile } from '../../pipeline/run.js';
import { DEFAULT_PROFILE } from '../../shared/profile.js';

const ROOT = join(import.meta.dirname, '../..');
const FOLDERS = ['seeds', ...['renderings', 'variants', 'agencies', 'unseen', 'producers', 'docx-forms'].map((d) => `test/fixtures/${d}`)];

/** The annex inputs in the folders (their READMEs and generators aside), by path from the repository. */
function inputs(): string[] {
  return FOLDERS.flatMap((folder) =>
    readdirSync(join(ROOT, folder))
      .filter((f) => !/^README|\.(mjs|ts)$/.test(f))
      .map((f) => `${folder}/${f}`),
  ).sort();
}

async function digestOf(path: string): Promise<string> {
  const sha = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);
  try {
    return sha(JSON.stringify(await readAnnexFile(join(ROOT, path), DEFAULT_PROFILE)));
  } catch (e) {
    if (e instanceof InputError) return `refused ${sha(e.message)}`;
    throw e;
  }
}

describe('every input the project holds', () => {
  it('reads as it did', async () => {
    const digests: Record<string, string> = {};
    for (const path of inputs()) digests[path] = await digestOf(path);
    expect(Object.keys(digests).length).toBeGreaterThan(70);
    expect(digests).toMatchSnapshot();
  }, 300_000);
});
