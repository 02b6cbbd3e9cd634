// Bundles the pipeline CLI (pipeline/cli.ts and the shared core) into dist/pipeline/cli.mjs.
// Dependencies stay external: they are installed beside the package.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

await build({
  absWorkingDir: root,
  entryPoints: ['pipeline/cli.ts'],
  outfile: 'dist/pipeline/cli.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: false,
  logLevel: 'warning',
});
