// The WIT parser (server/src/wit) against the reference: wit-parser, through @bytecodealliance/jco's in-memory
// wasm-tools functions. For every source: the reference accepts it exactly when we report no error; an accepted
// source gives the same imports and exports per world (after elaboration) and the same functions per interface;
// a rejected one is rejected by us at the token its error names. jco's `.wit` files (WASI) are the real-world set.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { packageText, type WitFile } from '../../server/src/wit/ast';
import { checkWitDocument } from '../../server/src/wit/check';
import { elaborateWorld, functionNames, isActive } from '../../server/src/wit/elaborate';
import { homeOf, packageSet, type WitDocument } from '../../server/src/wit/packages';
import { parseWit } from '../../server/src/wit/parser';
import { seededRandom } from '../support/seededRandom';
import { INVALID_WIT, shippedWitFiles, unmark, VALID_WIT } from '../support/witCases';

interface Jco {
  componentEmbed(opts: { witSource: string; dummy: boolean; world?: string }): Promise<Uint8Array>;
  componentNew(bytes: Uint8Array): Promise<Uint8Array>;
  print(bytes: Uint8Array): Promise<string>;
}
// jco is an ES module; tsx runs these tests as CommonJS, where a dynamic import keeps it one.
const jco: Promise<Jco> = import('@bytecodealliance/jco') as Promise<Jco>;

/** The reference's error for `source` (world `world`), or undefined when it accepts it. */
async function referenceError(source: string, world?: string): Promise<string | undefined> {
  try {
    // The component too: some checks (a record's duplicate field) are the component validator's.
    const { componentEmbed, componentNew } = await jco;
    await componentNew(await componentEmbed({ witSource: source, dummy: true, world }));
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The component-level import and export names of a dummy component of `world` (types left out). */
async function referenceWorld(source: string, world: string): Promise<{ imports: string[]; exports: string[]; wat: string }> {
  const { componentEmbed, componentNew, print } = await jco;
  const wat = await print(await componentNew(await componentEmbed({ witSource: source, dummy: true, world })));
  const names = (kind: string) => [...wat.matchAll(new RegExp(`^  \\(${kind} [^\\n]*?"([^"]+)" \\((instance|func)`, 'gm'))].map((m) => m[1]).sort();
  return { imports: names('import'), exports: names('export'), wat };
}

/** Function names of each imported interface's instance type in a printed component. */
function instanceFunctions(wat: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of wat.split('\n')) {
    const type = /^ {2}\(type \$ty-(\S+) /.exec(line);
    if (type) out.set(type[1], (current = []));
    else if (/^ {2}\(/.test(line)) current = undefined;
    const func = /^ {6}\(export (?:\(;\d+;\) )?"([^"]+)" \(func/.exec(line);
    if (func && current) current.push(func[1]);
  }
  for (const list of out.values()) list.sort();
  return out;
}

function document(text: string): WitDocument {
  return { file: '/oracle/input.wit', text, ast: parseWit(text) };
}

function ourErrors(doc: WitDocument) {
  return checkWitDocument(doc, [doc], packageSet([doc], [])).filter((f) => f.severity === 'error');
}

/** Every world of the file (those wit-parser's default features include) with its package-qualified name, and every named interface as `ns:pkg/name@v`. */
function itemsOf(ast: WitFile) {
  const worlds: { spec: string; block: WitFile['root']; world: WitFile['root']['worlds'][number] }[] = [];
  const interfaces: { spec: string; local: string; body: WitFile['root']['interfaces'][number] }[] = [];
  for (const block of [ast.root, ...ast.nested]) {
    const pkg = block.name ?? ast.root.name!;
    const [base, version] = packageText(pkg).split('@');
    for (const world of block.worlds.filter((w) => isActive(w.gates))) worlds.push({ spec: `${base}/${world.name.text}${version ? `@${version}` : ''}`, block, world });
    for (const iface of block.interfaces.filter((i) => isActive(i.gates))) interfaces.push({ spec: `${base}/${iface.name.text}${version ? `@${version}` : ''}`, local: block === ast.root ? `%${iface.name.text}` : `${base}/${iface.name.text}${version ? `@${version}` : ''}`, body: iface });
  }
  return { worlds, interfaces };
}

/** Compares worlds and interface functions of an accepted source. */
async function compareAccepted(name: string, text: string): Promise<void> {
  const doc = document(text);
  const set = packageSet([doc], []);
  const { worlds, interfaces } = itemsOf(doc.ast);
  for (const { spec, block, world } of worlds) {
    const reference = await referenceWorld(text, spec);
    const ours = elaborateWorld(set, homeOf(set, block), doc, world);
    assert.deepEqual({ imports: [...ours.imports].sort(), exports: [...ours.exports].sort() }, { imports: reference.imports, exports: reference.exports }, `${name}: world ${spec}`);
  }
  if (interfaces.length === 0) return;
  // A probe world importing every interface shows each one's functions.
  const probe = `${text}\nworld oracle-probe { ${interfaces.map((i) => `import ${i.local};`).join(' ')} }\n`;
  const reference = instanceFunctions((await referenceWorld(probe, 'oracle-probe')).wat);
  for (const iface of interfaces) {
    assert.deepEqual(functionNames(iface.body).sort(), reference.get(iface.spec) ?? [], `${name}: functions of ${iface.spec}`);
  }
}

/** The quoted token a reference message names (`found ')'`, name `foo`), if any. */
function namedToken(message: string): string | undefined {
  const found = /found (?:'([^']*)'|`([^`]*)`|keyword `([^`]*)`)/.exec(message);
  if (found) return found[1] ?? found[2] ?? found[3];
  const named = /(?:name|param|interface or world|interface|world|type|field|case) `([^`]+)`/.exec(message);
  return named?.[1];
}

describe('WIT parser against wit-parser (jco)', () => {
  for (const [name, source] of Object.entries(VALID_WIT)) {
    test(`accepted: ${name}`, async () => {
      const doc = document(source);
      assert.equal(await referenceError(source, itemsOf(doc.ast).worlds[0]?.spec), undefined, 'the reference accepts it');
      assert.deepEqual(ourErrors(doc).map((f) => f.message), [], 'no error of ours');
      await compareAccepted(name, source);
    });
  }

  for (const [name, marked] of Object.entries(INVALID_WIT)) {
    test(`rejected: ${name}`, async () => {
      const { text, mark } = unmark(marked);
      const doc = document(text);
      const reference = await referenceError(text, 'w');
      assert.ok(reference !== undefined, 'the reference rejects it');
      const errors = ourErrors(doc);
      assert.ok(errors.length > 0, `we report an error too (reference: ${reference})`);
      // Our first error sits on the marked token; the reference's message names the same token where it names one.
      const first = doc.ast.errors[0]?.span ?? offsets(doc, errors[0].range);
      assert.deepEqual(first, mark, `${name}: our first error ${JSON.stringify(errors[0].message)} is at the marked token`);
      const token = namedToken(reference);
      if (token !== undefined && token !== 'eof') assert.equal(text.slice(mark!.start, mark!.end).replace(/^%/, ''), token, `reference: ${reference}`);
    });
  }

  test('differential: 1,000 seeded edits of the valid sources are rejected by us exactly when the reference rejects them, at the token it names', async () => {
    // What we deliberately do not judge (docs/wasm.md): packages not found (they may come from a registry), the
    // features wit-parser's defaults exclude, and which world to pick when an edit broke the world's name.
    const ignored = /not found|no `package` header|feature not being activated|excluded due to its feature|world .*does not exist|no world|multiple worlds/i;
    const pieces = ['{', '}', '(', ')', '<', '>', ';', ',', ':', '->', '@', '%', '/*', '*/', '//', 'package ', 'world ', 'interface ', 'func', 'use ', ' as ', 'resource ', '1.0.0', '@since(version = 1.0.0)', 'u8', 'string', 'list<u8>', '_', 'x', '-', 'A', '2', 'static ', 'async ', 'own<', 'borrow<', 'type ', 'record ', 'enum ', 'flags ', 'variant ', 'import ', 'export ', 'include ', ' with ', 'constructor', '.', '/', '=', 'tuple<', 'option<', 'result<', 'future', 'stream', 'error-context', '0', '\n'];
    const sources = Object.values(VALID_WIT);
    const disagreements: string[] = [];
    let judged = 0;
    let positioned = 0;
    for (let seed = 1; seed <= 4; seed++) {
      const random = seededRandom(seed);
      for (let round = 0; round < 250; round++) {
        let text = sources[Math.floor(random() * sources.length)];
        const lines = text.split('\n');
        const at = Math.floor(random() * lines.length);
        const mode = random();
        // A copied line (duplicates), a removed line (unknown names), or one or two token edits.
        if (mode < 0.25) text = [...lines.slice(0, at), lines[Math.floor(random() * lines.length)], ...lines.slice(at)].join('\n');
        else if (mode < 0.4) text = [...lines.slice(0, at), ...lines.slice(at + 1)].join('\n');
        else {
          for (let edit = 0; edit < 1 + Math.floor(random() * 2); edit++) {
            const offset = Math.floor(random() * (text.length + 1));
            const cut = random() < 0.5 ? Math.floor(random() * 6) : 0;
            text = text.slice(0, offset) + (random() < 0.7 ? pieces[Math.floor(random() * pieces.length)] : '') + text.slice(offset + cut);
          }
        }
        const doc = document(text);
        const reference = await referenceError(text, doc.ast.root.worlds[0]?.name.text);
        if (reference !== undefined && ignored.test(reference)) continue;
        judged++;
        const ours = ourErrors(doc);
        if ((reference === undefined) !== (ours.length === 0)) disagreements.push(`reference: ${reference ?? 'accepted'}; ours: ${ours[0]?.message ?? 'none'}\n${text}`);
        // Where the reference names the token it stopped at, our first syntax error is on that token.
        const token = reference && /found /.test(reference) ? namedToken(reference) : undefined;
        const first = doc.ast.errors[0];
        if (token !== undefined && token !== 'eof' && first) positioned++;
        if (token !== undefined && token !== 'eof' && first && text.slice(first.span.start, first.span.end).replace(/^%/, '') !== token) {
          disagreements.push(`reference: ${reference}; our first error: ${first.message} at ${JSON.stringify(text.slice(first.span.start, first.span.end))}\n${text}`);
        }
      }
    }
    assert.deepEqual(disagreements, []);
    assert.ok(judged > 700, `sources judged: ${judged}`);
    console.log(`differential: ${judged} of 1000 edited sources judged, 0 disagreements in acceptance; first syntax error on the reference's token: ${positioned} of ${positioned}`);
  });

  test('jco ships WASI: every file parses with zero errors, and each version set matches the reference', async () => {
    const files = shippedWitFiles();
    assert.ok(files.length >= 40, `jco's WIT files found (${files.length})`);
    const byFolder = new Map<string, string[]>();
    for (const file of files) {
      const doc = document(readFileSync(file, 'utf8'));
      assert.deepEqual(doc.ast.errors, [], `${file} parses`);
      // A version set: the folder above each package folder (0.2.12/, 0.3.0/, …), deps included.
      const set = path.dirname(file).replace(/\/deps\/[^/]+$/, '').replace(/\/[^/]+$/, '');
      (byFolder.get(set) ?? byFolder.set(set, []).get(set)!).push(file);
    }
    let worlds = 0;
    let interfaces = 0;
    for (const [folder, group] of byFolder) {
      // One source for the reference: a root package with each package folder as a nested block (a folder's
      // files share the one `package` declaration one of them has).
      const packages = new Map<string, string[]>();
      const folders = new Map<string, string[]>();
      for (const file of group) (folders.get(path.dirname(file)) ?? folders.set(path.dirname(file), []).get(path.dirname(file))!).push(readFileSync(file, 'utf8'));
      for (const texts of folders.values()) {
        const name = texts.map((t) => /^package ([^;\s]+);/m.exec(t)?.[1]).find((n) => n !== undefined);
        assert.ok(name, 'a package declaration in the folder');
        const bodies = texts.map((t) => t.replace(/^package [^;\s]+;/m, ''));
        packages.set(name, [...(packages.get(name) ?? []), ...bodies]);
      }
      const combined = `package oracle:corpus;\n${[...packages].map(([pkg, bodies]) => `package ${pkg} {\n${bodies.join('\n')}\n}\n`).join('')}`;
      const doc = document(combined);
      assert.deepEqual(ourErrors(doc).map((f) => `${f.message} at ${f.range.start.line}`), [], `${folder}: no errors of ours`);
      const first = itemsOf(doc.ast).worlds[0];
      if (!first) continue;
      assert.equal(await referenceError(combined, first.spec), undefined, `${folder}: the reference accepts it`);
      await compareAccepted(path.relative(path.dirname(folder), folder), combined);
      worlds += itemsOf(doc.ast).worlds.length;
      interfaces += itemsOf(doc.ast).interfaces.length;
    }
    assert.ok(worlds >= 10 && interfaces >= 50, `worlds compared: ${worlds}, interfaces: ${interfaces}`);
    console.log(`jco's WIT: ${files.length} files, ${worlds} worlds and ${interfaces} interfaces compared`);
  });
});

function offsets(doc: WitDocument, range: { start: { line: number; character: number }; end: { line: number; character: number } }) {
  const lineStarts = [0];
  for (let i = 0; i < doc.text.length; i++) if (doc.text[i] === '\n') lineStarts.push(i + 1);
  return { start: lineStarts[range.start.line] + range.start.character, end: lineStarts[range.end.line] + range.end.character };
}
