// The JavaScript the CLI is bundled to, for Node 20: one set of options for the CLI's build and
// for the bench's bundle of the core (bench/core-bundle.ts), so that the bench times what ships.
// esbuild's node20 target rewrites a regex literal with a Unicode property escape (\p{L}) into a
// `new RegExp(…)` made where the literal stands, inside a function on every call; Node 20 reads
// such literals itself, so they are left as written.
export const NODE_TARGET = {
  platform: 'node',
  format: 'esm',
  target: 'node20',
  supported: { 'regexp-unicode-property-escapes': true },
};
