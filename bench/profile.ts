// CPU profiles for the bench: bundle a small driver with esbuild (with a source map), run it
// under `node --cpu-prof`, and sum self time by function, mapped back to the TypeScript source
// (file:line) through Node's own source-map reader (node:module's SourceMap).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { SourceMap, type SourceMapPayload, type SourceMapping } from 'node:module';
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface HotSpot {
  fn: string;
  at: string; // file:line in the repository (or a package / node internal)
  selfMs: number;
  selfPct: number;
  /** Where the self time is spent from: the callers with the largest shares. */
  callers?: { fn: string; at: string; pct: number }[];
}

export interface Profile {
  totalMs: number;
  /** Functions by self time. */
  top: HotSpot[];
  /** Functions by inclusive time (self and callees): which stage costs what. */
  inclusive: { fn: string; at: string; pct: number }[];
  /** Self time summed by source file. */
  byFile: { file: string; selfPct: number }[];
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/** Generated position (0-based) -> `file:line` in the repository, through the bundle's source map. */
function mapper(mapFile: string): (line0: number, col0: number) => string | null {
  const payload = JSON.parse(readFileSync(mapFile, 'utf8')) as SourceMapPayload;
  const map = new SourceMap(payload);
  const dir = join(mapFile, '..');
  const nameOf = (source: string) => {
    const rel = relative(ROOT, isAbsolute(source) ? source : join(dir, source)).split('\\').join('/');
    const nm = rel.lastIndexOf('node_modules/');
    return nm >= 0 ? rel.slice(nm + 'node_modules/'.length) : rel;
  };
  return (line0, col0) => {
    const entry = map.findEntry(line0, col0) as Partial<SourceMapping>;
    if (entry.originalSource === undefined || entry.originalLine === undefined) return null;
    return `${nameOf(entry.originalSource.replace(/^file:\/\//, ''))}:${entry.originalLine + 1}`;
  };
}

/**
 * Profile `driver` (a TypeScript file of this repo whose top level does the work) and return the
 * functions with the most self time. `args` reach the driver as process.argv.slice(2).
 */
export async function profileDriver(driver: string, args: string[] = [], topN = 12): Promise<Profile> {
  const dir = mkdtempSync(join(tmpdir(), 'conciliazione-prof-'));
  try {
    const bundle = join(dir, 'driver.mjs');
    await build({
      absWorkingDir: ROOT,
      entryPoints: [driver],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      sourcemap: 'external',
      minify: false,
      logLevel: 'error',
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    });
    const profDir = join(dir, 'prof');
    const res = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', profDir, bundle, ...args], {
      cwd: ROOT,
      env: { ...process.env, BENCH_ROOT: ROOT },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (res.status !== 0) throw new Error(`profiling ${driver} failed (${res.status}): ${res.stderr}`);
    const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error(`no CPU profile written for ${driver}`);
    const prof = JSON.parse(readFileSync(join(profDir, file), 'utf8')) as CpuProfile;
    const toSource = mapper(`${bundle}.map`);
    const bundleUrl = `file://${bundle}`;

    const selfUs = new Map<number, number>();
    prof.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
    const parent = new Map<number, number>();
    for (const node of prof.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
    const byId = new Map(prof.nodes.map((n) => [n.id, n]));
    const keyOf = new Map<number, { fn: string; at: string; key: string }>();
    for (const node of prof.nodes) {
      const cf = node.callFrame;
      let at: string;
      if (cf.url === bundleUrl) at = toSource(cf.lineNumber, cf.columnNumber) ?? `bundle:${cf.lineNumber + 1}`;
      else if (cf.url === '') at = cf.functionName.startsWith('(') ? cf.functionName : '(native)';
      else at = cf.url;
      const fn = cf.functionName || '(anonymous)';
      keyOf.set(node.id, { fn, at, key: `${fn}@${at}` });
    }
    const skip = (id: number) => ['(idle)', '(program)', '(root)'].includes(byId.get(id)!.callFrame.functionName);

    const byKey = new Map<string, HotSpot & { callerUs: Map<string, number> }>();
    const byFile = new Map<string, number>();
    const inclusiveUs = new Map<string, number>();
    let total = 0;
    for (const node of prof.nodes) {
      const us = selfUs.get(node.id) ?? 0;
      if (us === 0 || skip(node.id)) continue;
      total += us;
      const k = keyOf.get(node.id)!;
      const hot = byKey.get(k.key) ?? { fn: k.fn, at: k.at, selfMs: 0, selfPct: 0, callerUs: new Map() };
      hot.selfMs += us / 1000;
      byKey.set(k.key, hot);
      // The nearest caller that is not the function itself (recursion) nor a regular expression.
      let p = parent.get(node.id);
      while (p !== undefined && (keyOf.get(p)!.key === k.key || keyOf.get(p)!.fn.startsWith('RegExp:'))) p = parent.get(p);
      if (p !== undefined && !skip(p)) {
        const ck = `${keyOf.get(p)!.fn}@${keyOf.get(p)!.at}`;
        hot.callerUs.set(ck, (hot.callerUs.get(ck) ?? 0) + us);
      }
      const f = k.at.replace(/:\d+$/, '');
      byFile.set(f, (byFile.get(f) ?? 0) + us);
      const seen = new Set<string>();
      for (let a: number | undefined = node.id; a !== undefined; a = parent.get(a)) {
        if (skip(a)) continue;
        const ak = keyOf.get(a)!.key;
        if (seen.has(ak)) continue;
        seen.add(ak);
        inclusiveUs.set(ak, (inclusiveUs.get(ak) ?? 0) + us);
      }
    }
    const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
    const split = (key: string) => {
      const i = key.lastIndexOf('@');
      return { fn: key.slice(0, i), at: key.slice(i + 1) };
    };
    const top = [...byKey.values()]
      .sort((a, b) => b.selfMs - a.selfMs)
      .slice(0, topN)
      .map(({ callerUs, ...h }) => {
        const hotUs = h.selfMs * 1000;
        const callers = [...callerUs]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 3)
          .filter(([, us]) => us >= hotUs * 0.05)
          .map(([key, us]) => ({ ...split(key), pct: round((us * 100) / hotUs, 0) }));
        return { ...h, selfMs: round(h.selfMs), selfPct: round((h.selfMs * 100000) / total), ...(callers.length ? { callers } : {}) };
      });
    const inclusive = [...inclusiveUs]
      // Leave out node's own frames and the driver's top level (everything runs under those).
      .filter(([key]) => !key.includes('@node:') && !key.includes('@bundle:') && key !== 'evaluate@(native)')
      .sort((a, b) => b[1] - a[1])
      .slice(0, topN)
      .map(([key, us]) => ({ ...split(key), pct: round((us * 100) / total) }));
    return {
      totalMs: round(total / 1000),
      top,
      inclusive,
      byFile: [...byFile]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 8)
        .map(([file, us]) => ({ file, selfPct: round((us * 100) / total) })),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// `tsx bench/profile.ts <driver.ts> [args...]` prints the profile of one driver.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [driver, ...rest] = process.argv.slice(2);
  if (!driver) {
    process.stderr.write('usage: tsx bench/profile.ts <driver.ts> [args...]\n');
    process.exit(2);
  }
  const p = await profileDriver(driver, rest, 25);
  writeFileSync(1, `${JSON.stringify(p, null, 2)}\n`);
}
