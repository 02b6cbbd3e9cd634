// Bundles addon/ and shared/ into the one global script Apps Script runs (dist/addon/Code.js),
// beside the manifest and the sidebar page. Apps Script finds entry points only as top-level
// functions, so each export of addon/main.ts is re-declared after the IIFE.
import { build } from 'esbuild';
import { copyFile, mkdir, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'addon');
const GLOBAL = 'ConciliazioneAddon';
export const ENTRY_POINTS = [
  'onOpen', 'onInstall', 'onEdit', 'checkThisTab', 'checkAllTabs', 'newBudgetTab', 'showFindings', 'clearHighlights',
  'getFindings', 'selectCell', 'replanTab', 'onSheetChange',
];

// shared/model.ts and shared/profile.ts declare zod schemas; the add-on only uses their types,
// plain constants and functions, and never validates. Bundling zod would cost ~440 KB, three
// times the 150 KB budget, so it is replaced by an inert stand-in that fails loudly if a
// schema is ever used to parse. The add-on tests run the bundle, so a use would surface there.
const zodStub = {
  name: 'zod-stub',
  setup(b) {
    b.onResolve({ filter: /^zod(\/.*)?$/ }, (args) => ({ path: args.path, namespace: 'zod-stub' }));
    b.onLoad({ filter: /.*/, namespace: 'zod-stub' }, () => ({
      contents: `const fail = () => { throw new Error('zod is not bundled in the add-on'); };
const inert = new Proxy(function () {}, {
  get: (_t, p) => (p === 'parse' || p === 'safeParse' || p === 'parseAsync' ? fail : p === 'then' ? undefined : inert),
  apply: () => inert,
});
export const z = inert;
export default inert;`,
      loader: 'js',
    }));
  },
};

const footer = ENTRY_POINTS.map((name) => `function ${name}(){return ${GLOBAL}.${name}.apply(this,arguments)}`).join('\n');

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
const result = await build({
  entryPoints: [join(root, 'addon', 'main.ts')],
  outfile: join(out, 'Code.js'),
  bundle: true,
  format: 'iife',
  globalName: GLOBAL,
  platform: 'neutral',
  mainFields: ['module', 'main'],
  target: 'es2020',
  minify: true,
  legalComments: 'none',
  metafile: true,
  plugins: [zodStub],
  footer: { js: footer },
  logLevel: 'warning',
});
await copyFile(join(root, 'appsscript.json'), join(out, 'appsscript.json'));
await copyFile(join(root, 'addon', 'sidebar.html'), join(out, 'sidebar.html'));

const size = (await stat(join(out, 'Code.js'))).size;
const byPackage = {};
for (const [file, info] of Object.entries(result.metafile.outputs[Object.keys(result.metafile.outputs)[0]].inputs)) {
  const key = file.includes('node_modules/') ? file.split('node_modules/')[1].split('/')[0] : file.split('/')[0];
  byPackage[key] = (byPackage[key] ?? 0) + info.bytesInOutput;
}
const parts = Object.entries(byPackage).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${(v / 1024).toFixed(1)} KB`);
console.log(`dist/addon/Code.js ${(size / 1024).toFixed(1)} KB (${parts.join(', ')})`);
