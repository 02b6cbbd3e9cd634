// WordprocessingML through saxes (a streaming XML parser): the handlers see each element's
// local name when it is in the WordprocessingML namespace (transitional or strict), and whole
// subtrees the caller names (deleted text, old formatting kept by tracked changes, the fallback
// copy of alternate content) are skipped, so they never see them.
//
// Namespaces are resolved here rather than by saxes' xmlns mode, which doubles the parse time:
// prefixes are bound by xmlns attributes in scope (in practice all on the root element).
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { damaged } from './zip.js';

const W_NAMESPACES = new Set([
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  'http://purl.oclc.org/ooxml/wordprocessingml/main',
]);
const MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006';

export interface WordElement {
  /** Local name in the WordprocessingML namespace; '' for an element of another namespace. */
  name: string;
  /** A WordprocessingML attribute (w:val, w:type ...) by local name. */
  attr(local: string): string | undefined;
}

export interface WordHandlers {
  /** `parents` are the local names of the open elements above ('' for other namespaces). */
  open(element: WordElement, parents: readonly string[]): void;
  close(name: string, parents: readonly string[]): void;
  /** Character data; `open` ends with the element that holds it. */
  text(text: string, open: readonly string[]): void;
}

const isDeclaration = (name: string) => name.charCodeAt(0) === 120 /* x */ && (name === 'xmlns' || name.startsWith('xmlns:'));

/** Prefix -> namespace bindings in scope: one frame per element that declares any. */
class Scopes {
  private frames: { depth: number; bindings: Map<string, string> }[] = [{ depth: -1, bindings: new Map() }];
  private current = new Map<string, string>();

  /** Whether the element declares namespaces (then names must be resolved anew). */
  enter(attributes: Record<string, string>, depth: number): boolean {
    let bindings: Map<string, string> | null = null;
    for (const key in attributes) {
      if (!isDeclaration(key)) continue;
      bindings ??= new Map(this.current);
      bindings.set(key === 'xmlns' ? '' : key.slice(6), attributes[key]!);
    }
    if (!bindings) return false;
    this.frames.push({ depth, bindings });
    this.current = bindings;
    return true;
  }

  /** Whether the element had declared namespaces. */
  leave(depth: number): boolean {
    if (this.frames[this.frames.length - 1]!.depth !== depth) return false;
    this.frames.pop();
    this.current = this.frames[this.frames.length - 1]!.bindings;
    return true;
  }

  uri(prefix: string): string | undefined {
    return this.current.get(prefix);
  }
}

/** Parses one XML part; a part that is not well-formed XML is a damaged file (InputError). */
export function parseWordXml(xml: string, part: string, file: string, skip: ReadonlySet<string>, on: WordHandlers): void {
  const parser = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true });
  const scopes = new Scopes();
  const stack: string[] = [];
  let depth = 0;
  let skipping = 0;
  let failure: Error | null = null;
  let attributes: Record<string, string> = {};
  // One element object, reused: handlers read it during open() only.
  const element: WordElement = {
    name: '',
    attr(local) {
      for (const key in attributes) {
        const colon = key.indexOf(':');
        if (key.slice(colon + 1) !== local) continue;
        if (colon < 0 || W_NAMESPACES.has(scopes.uri(key.slice(0, colon)) ?? '')) return attributes[key];
      }
      return undefined;
    },
  };
  parser.on('error', (e) => {
    failure ??= e;
    throw e;
  });
  // Qualified name -> local WordprocessingML name ('' for another namespace) or null (skip), for the bindings in scope.
  let names = new Map<string, string | null>();
  const resolve = (qualified: string): string | null => {
    const colon = qualified.indexOf(':');
    const uri = scopes.uri(colon < 0 ? '' : qualified.slice(0, colon));
    const local = colon < 0 ? qualified : qualified.slice(colon + 1);
    const isWord = uri !== undefined && W_NAMESPACES.has(uri);
    // rPrChange, tcPrChange ...: the formatting before a tracked change; mc:Fallback: a second copy of mc:Choice.
    if (isWord ? skip.has(local) || local.endsWith('Change') : uri === MC && local === 'Fallback') return null;
    return isWord ? local : '';
  };
  // Whether the tag being read declares namespaces: told attribute by attribute, so that the
  // attributes of every element need not be listed again to find out.
  let declares = false;
  parser.on('attribute', (a) => {
    if (isDeclaration(a.name)) declares = true;
  });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    depth++;
    if (skipping > 0) {
      skipping++;
      declares = false;
      return;
    }
    if (declares) {
      declares = false;
      if (scopes.enter(tag.attributes, depth)) names = new Map();
    }
    let name = names.get(tag.name);
    if (name === undefined) names.set(tag.name, (name = resolve(tag.name)));
    if (name === null) {
      skipping = 1;
      if (scopes.leave(depth)) names = new Map();
      return;
    }
    attributes = tag.attributes;
    element.name = name;
    on.open(element, stack);
    stack.push(element.name);
  });
  parser.on('closetag', () => {
    const at = depth--;
    if (skipping > 0) {
      skipping--;
      return;
    }
    if (scopes.leave(at)) names = new Map();
    const name = stack.pop()!;
    on.close(name, stack);
  });
  const onText = (text: string) => {
    if (skipping === 0 && stack.length > 0) on.text(text, stack);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  try {
    parser.write(xml).close();
  } catch (e) {
    if (failure === null) throw e; // not the XML's fault: the caller's bug, or an InputError of its own
    throw damaged(file, `${part} is not well-formed XML: ${(failure as Error).message}`);
  }
}
