#!/usr/bin/env node
// Launcher for the bundled CLI; the bundle is built by `npm run build:cli`.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bundle = fileURLToPath(new URL('../../dist/pipeline/cli.mjs', import.meta.url));
if (existsSync(bundle)) {
  await import(pathToFileURL(bundle).href);
} else {
  process.stderr.write('conciliazione: the CLI is not built yet; run `npm run build:cli` first\n');
  process.exitCode = 2;
}
