// Issue 11, point 2, the CI check: every regular expression in pipeline/ and shared/ goes through
// recheck, a ReDoS analyser; one that it finds vulnerable (super-linear backtracking) fails the
// suite with the attack string recheck built. The expressions are taken from the source with the
// TypeScript compiler (regex literals, and `new RegExp(...)` whose pattern is a constant of the
// file), never with a regex over the source text.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { check, type Diagnostics } from 'recheck';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from './mutate.js';

interface Found {
  file: string;
  line: number;
  source: string;
  flags: string;
}

/**
 * Expressions in files this suite's authors do not own, found vulnerable when the check was
 * introduced: listed here (exact file and pattern) so that the check still fails on any new one
 * and on any change to these that is still vulnerable. Each entry says why it is tolerated.
 */
const TOLERATED: { file: string; source: string; why: string }[] = [];

// Deterministic: recheck's fuzzer is seeded and bounded by steps, not by wall-clock time, so a
// loaded CI machine gives the same verdicts. Only the overall timeout is in time, and it gives
// "unknown" (logged, not failed) rather than a wrong verdict.
const PARAMS = {
  timeout: 60_000,
  attackTimeout: null,
  incubationTimeout: null,
  seedingTimeout: null,
  recallTimeout: -1,
  randomSeed: 0,
} as const;

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sourceFiles(path, out);
    else if (/\.(ts|mts|js|mjs)$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** The string a constant expression of the file stands for, when the compiler can tell. */
function constantString(node: ts.Expression, consts: Map<string, ts.Expression>, depth = 0): string | null {
  if (depth > 8) return null;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isParenthesizedExpression(node)) return constantString(node.expression, consts, depth + 1);
  if (ts.isIdentifier(node)) {
    const init = consts.get(node.text);
    return init ? constantString(init, consts, depth + 1) : null;
  }
  if (ts.isTaggedTemplateExpression(node) && node.tag.getText() === 'String.raw') {
    const t = node.template;
    if (ts.isNoSubstitutionTemplateLiteral(t)) return t.rawText ?? null;
    let out = t.head.rawText ?? '';
    for (const span of t.templateSpans) {
      const part = constantString(span.expression, consts, depth + 1);
      if (part === null) return null;
      out += part + (span.literal.rawText ?? '');
    }
    return out;
  }
  if (ts.isTemplateExpression(node)) {
    let out = node.head.text;
    for (const span of node.templateSpans) {
      const part = constantString(span.expression, consts, depth + 1);
      if (part === null) return null;
      out += part + span.literal.text;
    }
    return out;
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const a = constantString(node.left, consts, depth + 1);
    const b = constantString(node.right, consts, depth + 1);
    return a !== null && b !== null ? a + b : null;
  }
  return null;
}

function expressionsOf(path: string): { found: Found[]; dynamic: Found[] } {
  const file = relative(ROOT, path).split('\\').join('/');
  const sf = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const consts = new Map<string, ts.Expression>();
  const found: Found[] = [];
  const dynamic: Found[] = [];
  const lineOf = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  const collectConsts = (n: ts.Node) => {
    if (ts.isVariableStatement(n) && n.declarationList.flags & ts.NodeFlags.Const) {
      for (const d of n.declarationList.declarations) if (ts.isIdentifier(d.name) && d.initializer) consts.set(d.name.text, d.initializer);
    }
    ts.forEachChild(n, collectConsts);
  };
  collectConsts(sf);
  const visit = (n: ts.Node) => {
    if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const text = n.getText(sf);
      const end = text.lastIndexOf('/');
      found.push({ file, line: lineOf(n), source: text.slice(1, end), flags: text.slice(end + 1) });
    } else if ((ts.isNewExpression(n) || ts.isCallExpression(n)) && ts.isIdentifier(n.expression) && n.expression.text === 'RegExp') {
      const [pattern, flags] = n.arguments ?? [];
      const source = pattern ? constantString(pattern, consts) : null;
      const flagText = flags ? constantString(flags, consts) : '';
      const entry = { file, line: lineOf(n), source: source ?? n.getText(sf), flags: flagText ?? '' };
      if (source !== null && flagText !== null) found.push(entry);
      else dynamic.push(entry);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return { found, dynamic };
}

describe('ReDoS check (recheck) over pipeline/ and shared/', () => {
  it('finds no vulnerable regular expression', async () => {
    const files = [...sourceFiles(join(ROOT, 'pipeline')), ...sourceFiles(join(ROOT, 'shared'))].filter((f) => !f.includes(`${join('pipeline', 'bin')}`));
    const all = files.map(expressionsOf);
    const found = all.flatMap((a) => a.found);
    const dynamic = all.flatMap((a) => a.dynamic);
    // The extraction works: the reader alone holds well over a hundred patterns.
    expect(found.length).toBeGreaterThan(100);
    for (const d of dynamic) console.log(`[redos] built at run time, not checked: ${d.file}:${d.line} ${d.source}`);

    const started = Date.now();
    const results: { at: Found; d: Diagnostics }[] = await Promise.all(found.map(async (at) => ({ at, d: await check(at.source, at.flags, PARAMS) })));
    const vulnerable: string[] = [];
    for (const { at, d } of results) {
      const where = `${at.file}:${at.line} /${at.source}/${at.flags}`;
      if (d.status === 'unknown') console.log(`[redos] unknown (${d.error.kind}): ${where}`);
      if (d.status !== 'vulnerable') continue;
      const tolerated = TOLERATED.find((t) => t.file === at.file && t.source === at.source);
      const line = `${where}: ${d.complexity.summary}, attack ${d.attack.pattern}`;
      if (tolerated) console.log(`[redos] tolerated (${tolerated.why}): ${line}`);
      else vulnerable.push(line);
    }
    console.log(`[redos] ${found.length} expressions in ${files.length} files checked in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(vulnerable).toEqual([]);
  }, 600_000);
});
