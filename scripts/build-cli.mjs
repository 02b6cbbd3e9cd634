// Bundles the pipeline CLI (pipeline/cli.ts, the shared core and its small dependencies) into
// dist/pipeline/cli.mjs, so that starting it reads a few files instead of resolving every module
// of every package. What only some runs need is split into chunks loaded on first use
// (dist/pipeline/chunks/): the Word reader, the workbook writer, the report. Two packages stay
// external and are imported only when used: exceljs (large, CommonJS, written only for the
// workbook) and pdfjs-dist (only for PDFs; it finds its own worker and data files beside it).
import { build } from 'esbuild';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

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

const result = await build({
  absWorkingDir: root,
  entryPoints: { cli: 'pipeline/cli.ts' },
  outdir: 'dist/pipeline',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['pdfjs-dist', 'pdfjs-dist/*'],
  plugins: [exceljsEntryExternal],
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
