// Bundles the pipeline CLI (pipeline/cli.ts, the shared core and its small dependencies) into
// dist/pipeline/cli.mjs, so that starting it reads a few files instead of resolving every module
// of every package. What only some runs need is split into chunks loaded on first use
// (dist/pipeline/chunks/): the Word reader, the workbook writer, the report. Two packages stay
// external and are imported only when used: exceljs (large, CommonJS, written only for the
// workbook) and pdfjs-dist (only for PDFs; it finds its own worker and data files beside it).
import { build } from 'esbuild';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE_TARGET } from './node-target.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = join(root, 'dist', 'pipeline');

// exceljs' entry point stays external (it loads all of exceljs: only the in-memory writer uses
// it, which the CLI's run does not); the modules of it that the streaming writer imports by path
// (its worksheet model and xforms) are bundled into that writer's chunk.
const exceljsEntryExternal = {
  name: 'exceljs-entry-external',
  setup(b) {
    b.onResolve({ filter: /^exceljs$/ }, (args) => ({ path: args.path, external: true }));
  },
};

// zod's `z` is a namespace of all of zod: bundled as it is, every locale, the JSON Schema
// converters and the schema compiler come with it (~750 KB, read by every start). The CLI's
// schemas use a few constructors: `z` is those the sources that import zod use, taken from the
// module that defines them (which registers the English messages itself, so validation says
// what it always said). A name that module does not define fails the build, not a run.
// jitless: zod compiles a parser of its own for each object schema on its first use, which a run
// of one annex pays in full and does not win back (-f json on the seed: 360 ms CPU, was 400;
// even at 100 annexes); the schemas are made after this module runs, so they all see it.
async function zodNamesUsed() {
  const names = new Set();
  for (const dir of ['pipeline', 'shared']) {
    for (const entry of await readdir(join(root, dir), { recursive: true })) {
      if (!entry.endsWith('.ts')) continue;
      const text = await readFile(join(root, dir, entry), 'utf8');
      if (!/from 'zod'/.test(text)) continue;
      for (const [, name] of text.matchAll(/\bz\.([A-Za-z]+)\b/g)) names.add(name);
    }
  }
  // Types only, not values.
  for (const type of ['infer', 'input', 'output']) names.delete(type);
  return [...names].sort();
}

const zodUsed = await zodNamesUsed();
const zodSchemasOnly = {
  name: 'zod-schemas-only',
  setup(b) {
    b.onResolve({ filter: /^zod$/ }, () => ({ path: 'zod', namespace: 'zod-schemas-only' }));
    b.onLoad({ filter: /.*/, namespace: 'zod-schemas-only' }, () => ({
      contents: `import * as s from ${JSON.stringify(join(root, 'node_modules/zod/v4/classic/schemas.js'))};
import { config } from ${JSON.stringify(join(root, 'node_modules/zod/v4/core/core.js'))};
config({ jitless: true });
export const z = { ${zodUsed.map((k) => `${k}: s.${k}`).join(', ')} };`,
      resolveDir: root,
    }));
  },
};

// The bundle's entry: pipeline/tiering.ts (how soon V8 optimises: set before the run starts),
// then the command line.
const cliEntry = {
  name: 'cli-entry',
  setup(b) {
    b.onResolve({ filter: /^conciliazione:cli$/ }, () => ({ path: 'cli', namespace: 'cli-entry' }));
    b.onLoad({ filter: /.*/, namespace: 'cli-entry' }, () => ({
      contents: "import './pipeline/tiering.ts';\nimport './pipeline/cli.ts';\n",
      resolveDir: root,
    }));
  },
};

const result = await build({
  absWorkingDir: root,
  entryPoints: { cli: 'conciliazione:cli' },
  outdir: 'dist/pipeline',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  ...NODE_TARGET,
  external: ['pdfjs-dist', 'pdfjs-dist/*'],
  plugins: [cliEntry, exceljsEntryExternal, zodSchemasOnly],
  // Bundled CommonJS packages call require() for Node's own modules.
  banner: { js: "import { createRequire as __cliCreateRequire } from 'node:module'; const require = __cliCreateRequire(import.meta.url);" },
  metafile: true,
  sourcemap: false,
  logLevel: 'warning',
});

// Chunks of earlier builds are removed once they are some minutes old: a run that started
// before this build may still be loading them.
const current = new Set(Object.keys(result.metafile.outputs).map((p) => join(root, p)));
const chunks = join(outdir, 'chunks');
for (const name of await readdir(chunks).catch(() => [])) {
  const path = join(chunks, name);
  if (current.has(path)) continue;
  const info = await stat(path).catch(() => null);
  if (info && Date.now() - info.mtimeMs > 10 * 60 * 1000) await rm(path, { force: true });
}
