// The core as the CLI ships it, for timing. Through tsx the sources are compiled with esbuild's
// keepNames, which wraps every function a function makes (the readers' callbacks, made per line
// and per row) in a call that names it: a cost of the development loader, 4-11% of the core in
// paired runs, that the bundle the CLI runs (scripts/build-cli.mjs, no keepNames) does not pay.
// The core is bundled here with the CLI's esbuild options (scripts/node-target.mjs) and imported
// from the bundle.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { readAnnex } from '../pipeline/annex/read-annex.js';
import type { DEFAULT_PROFILE } from '../shared/profile.js';
import { NODE_TARGET } from '../scripts/node-target.mjs';
import { ROOT } from './profile.js';

export interface BundledCore {
  readAnnex: typeof readAnnex;
  DEFAULT_PROFILE: typeof DEFAULT_PROFILE;
}

export async function bundledCore(): Promise<BundledCore> {
  const dir = mkdtempSync(join(tmpdir(), 'conciliazione-core-'));
  try {
    const outfile = join(dir, 'core.mjs');
    await build({
      absWorkingDir: ROOT,
      stdin: {
        contents: "export { readAnnex } from './pipeline/annex/read-annex.ts';\nexport { DEFAULT_PROFILE } from './shared/profile.ts';\n",
        resolveDir: ROOT,
        loader: 'ts',
      },
      outfile,
      bundle: true,
      ...NODE_TARGET,
      logLevel: 'warning',
    });
    return (await import(pathToFileURL(outfile).href)) as BundledCore;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
