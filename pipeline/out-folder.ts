// The output folder. A folder is ours only if we made it: every output folder carries a
// manifest (MANIFEST) listing the files we wrote. A target that exists is replaced only when it
// is empty or is one of ours holding nothing but what its manifest lists; a target that is or
// contains an input, the working folder or one of its parents is refused before anything is
// read. Writing goes to a staging folder beside the target, renamed into place only when
// every file was written, so a failed or killed run leaves the previous outputs.
import { lstat, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, parse, relative, resolve, sep } from 'node:path';
import { InputError } from './errors.js';

export const MANIFEST = '.conciliazione-output.json';

interface Manifest {
  generator: 'conciliazione';
  files: string[];
}

/** Is `inner` the same path as `outer` or inside it? (Both absolute, resolved.) */
function within(inner: string, outer: string): boolean {
  const rel = relative(outer, inner);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && parse(rel).root === '');
}

async function readManifest(dir: string): Promise<Manifest | null> {
  try {
    const value = JSON.parse(await readFile(join(dir, MANIFEST), 'utf8')) as Partial<Manifest>;
    if (value.generator !== 'conciliazione' || !Array.isArray(value.files)) return null;
    return { generator: 'conciliazione', files: value.files.filter((f): f is string => typeof f === 'string') };
  } catch {
    return null;
  }
}

/**
 * Refuses (InputError, exit 2) an output folder that is not ours to replace. Called before any
 * input is read, so a refused run costs nothing and writes nothing.
 */
export async function checkOutFolder(out: string, inputs: readonly string[]): Promise<string> {
  if (out.trim() === '') throw new InputError('--out', null, { en: 'the output folder is empty: name a folder, e.g. --out out', it: 'la cartella di output è vuota: indicare una cartella, es. --out out' });
  const target = resolve(out);
  const cwd = process.cwd();
  // Typed as never-returning so that the checks after each refusal see what it ruled out.
  const refuse: (en: string, it: string) => never = (en, it) => {
    throw new InputError(out, null, {
      en: `refused as output folder: ${en}; choose a new folder, e.g. --out out`,
      it: `rifiutata come cartella di output: ${it}; scegliere una cartella nuova, es. --out out`,
    });
  };
  if (target === parse(target).root) refuse('it is the root of the file system', 'è la radice del file system');
  if (within(cwd, target)) {
    refuse('it is the working folder or one of its parents, and replacing it would delete your files',
      'è la cartella di lavoro o una che la contiene, e sostituirla cancellerebbe i vostri file');
  }
  for (const input of inputs) {
    if (within(resolve(input), target)) refuse(`it holds the input ${input}`, `contiene l'allegato ${input}`);
  }
  let info;
  try {
    info = await lstat(target);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return target;
    if (code === 'ENOTDIR') refuse('a part of its path is a file', 'una parte del suo percorso è un file');
    refuse(`it cannot be inspected (${code ?? 'error'})`, `non si può esaminare (${code ?? 'errore'})`);
  }
  if (!info.isDirectory()) {
    if (info.isSymbolicLink()) refuse('it is a symbolic link', 'è un collegamento simbolico');
    refuse('it is an existing file', 'è un file esistente');
  }
  const names = await readdir(target).catch(() => refuse('it cannot be listed (permission?)', 'non si può elencare (permessi?)'));
  if (names.length === 0) return target;
  const manifest = await readManifest(target);
  // Outputs of versions before the manifest look the same as a user's folder: never guessed.
  if (!manifest) {
    refuse('it is a folder that holds files and was not written by conciliazione (outputs of older versions carry no manifest: remove them yourself)',
      'è una cartella che contiene file e non è stata scritta da conciliazione (gli output di versioni precedenti non hanno il manifesto: rimuoverli a mano)');
  }
  const ours = new Set([...manifest.files, MANIFEST]);
  const foreign = names.filter((n) => !ours.has(n));
  const first = foreign[0];
  if (first !== undefined) refuse(`it holds ${join(out, first)}, which conciliazione did not write`, `contiene ${join(out, first)}, che conciliazione non ha scritto`);
  return target;
}

/** Is this process alive? (A staging folder names the pid of the run that made it.) */
function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Staging and retired folders that a killed run left beside the target (".out.tmp-<pid>-<ms>",
 * ".out.old-<pid>-<ms>") are removed, unless their run is still going. A retired folder whose
 * target is missing is the previous output of a run killed between its two renames: restored.
 * Only folders that carry our manifest are touched.
 */
async function cleanStale(target: string): Promise<void> {
  const parent = dirname(target);
  const prefix = `.${basename(target)}.`;
  let names: string[];
  try {
    names = await readdir(parent);
  } catch {
    return;
  }
  for (const name of names.sort()) {
    if (!name.startsWith(prefix)) continue;
    const m = /^(tmp|old)-(\d{1,10})-\d{1,16}$/.exec(name.slice(prefix.length));
    if (!m || alive(Number(m[2]))) continue;
    const path = join(parent, name);
    if (!(await readManifest(path))) {
      // A run killed between creating its staging folder and finishing the manifest left it
      // empty, or holding nothing but that manifest: still ours, and nothing in it to keep.
      const inside = await readdir(path).catch(() => null);
      if (inside && inside.every((n) => n === MANIFEST)) await rm(path, { recursive: true, force: true }).catch(() => undefined);
      continue;
    }
    if (m[1] === 'old') {
      try {
        await stat(target);
      } catch {
        await rename(path, target).catch(() => undefined);
        continue;
      }
    }
    await rm(path, { recursive: true, force: true }).catch(() => undefined);
  }
}

/**
 * Called first by every run, before its arguments are checked: outputs that a run killed between
 * its two renames left retired are back in place even when this run is refused or fails.
 */
export async function restoreOutFolder(out: string): Promise<void> {
  if (out.trim() === '') return;
  await cleanStale(resolve(out)).catch(() => undefined);
}

export interface StagedWrite {
  /** Writes every output into `dir`; returns the names written. */
  (dir: string): Promise<string[]>;
}

/** Writes into a staging folder, then swaps it in for the target (checked by checkOutFolder). */
export async function replaceOutFolder(target: string, write: StagedWrite): Promise<string[]> {
  try {
    await mkdir(dirname(target), { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(target, null, { en: `cannot create the output folder's parent (${code ?? 'error'})`, it: `impossibile creare la cartella che contiene l'output (${code ?? 'errore'})` });
  }
  await cleanStale(target);
  const stamp = `${process.pid}-${Date.now()}`;
  const staging = join(dirname(target), `.${basename(target)}.tmp-${stamp}`);
  const old = join(dirname(target), `.${basename(target)}.old-${stamp}`);
  try {
    await mkdir(staging);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(dirname(target), null, { en: `cannot write in the output folder's parent (${code ?? 'error'})`, it: `impossibile scrivere nella cartella che contiene l'output (${code ?? 'errore'})` });
  }
  try {
    // The manifest goes in first: a staging folder left by a kill is recognised as ours.
    await writeFile(join(staging, MANIFEST), JSON.stringify({ generator: 'conciliazione', files: [] }), 'utf8');
    const written = await write(staging);
    const manifest: Manifest = { generator: 'conciliazione', files: written };
    await writeFile(join(staging, MANIFEST), `${JSON.stringify(manifest, null, 1)}\n`, 'utf8');
    let hadOld = false;
    try {
      await rename(target, old);
      hadOld = true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    try {
      await rename(staging, target);
    } catch (e) {
      if (hadOld) await rename(old, target);
      throw e;
    }
    // The new outputs are in place: a retired folder that cannot be removed now is removed
    // by the next run (cleanStale), never reported as a failure of this one.
    if (hadOld) await rm(old, { recursive: true, force: true }).catch(() => undefined);
    return written;
  } catch (e) {
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    throw e;
  }
}
