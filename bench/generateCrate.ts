// Deterministic generator of plugin-like Rust code for the benchmarks. The code is meant to look like a real
// cdylib plugin (so tree-sitter and the engine see realistic node counts): `#[repr(C)]` and plain structs,
// enums, fn-pointer fields and aliases, `extern "C"` imports, `#[no_mangle]` exports with big bodies, helper
// functions, impls and `use crate::mN::...` imports between modules. A few types without `#[repr(C)]` cross the
// boundary on purpose, so the rule has findings to report (and the server diagnostics to publish).
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { seededRandom as createRandom } from '../test/support/seededRandom';

/** A place inside a function body where typing one digit keeps the file valid (before the `0` of `acc = 0`). */
export interface EditSite {
  line: number;
  character: number;
}

export interface GeneratedFile {
  /** Absolute path of the written file. */
  path: string;
  text: string;
  lines: number;
}

export interface GeneratedCrate {
  root: string;
  files: GeneratedFile[];
  totalLines: number;
}

type Random = () => number;
const pick = <T>(rng: Random, values: readonly T[]): T => values[Math.floor(rng() * values.length)];
const between = (rng: Random, low: number, high: number): number => low + Math.floor(rng() * (high - low + 1));
/** Newline-terminated lines, as an editor counts them. */
const countLines = (text: string): number => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

/** Accumulates lines and remembers edit sites with their line numbers. */
class Writer {
  readonly lines: string[] = [];
  readonly editSites: EditSite[] = [];

  add(...lines: string[]): void {
    this.lines.push(...lines);
  }

  /** The first statement of every body; its `0` is where the edit benchmarks type. */
  accumulator(type: string): void {
    const line = `    let mut acc: ${type} = 0;`;
    this.editSites.push({ line: this.lines.length, character: line.lastIndexOf('0') });
    this.lines.push(line);
  }
}

/** 3–6 blocks of loops, matches, lets and closures over `data`/`len`, ending in a value of type `ret`. */
function body(w: Writer, rng: Random, ret: string): void {
  w.accumulator('i64');
  w.add('    let bytes: &[u8] = if data.is_null() { &[] } else { unsafe { std::slice::from_raw_parts(data, len) } };');
  const blocks = between(rng, 3, 6);
  for (let b = 0; b < blocks; b++) {
    const k = between(rng, 2, 9);
    switch (between(rng, 0, 4)) {
      case 0:
        w.add(
          '    for (idx, byte) in bytes.iter().enumerate() {',
          '        let v = *byte as i64;',
          `        match v % ${k} {`,
          '            0 => acc += v,',
          '            1 => acc -= idx as i64,',
          '            2 => {',
          `                let shifted = v << ${k % 4};`,
          '                acc ^= shifted;',
          '            }',
          `            3 if acc > ${k * 100} => acc /= 2,`,
          '            _ => {}',
          '        }',
          '    }',
        );
        break;
      case 1:
        w.add(
          `    let mut rounds_${b} = 0u32;`,
          `    while rounds_${b} < ${k} {`,
          '        if acc & 1 == 0 {',
          '            acc >>= 1;',
          '        } else {',
          '            acc = acc.wrapping_mul(3).wrapping_add(1);',
          '        }',
          `        rounds_${b} += 1;`,
          '    }',
        );
        break;
      case 2:
        w.add(
          `    let label_${b} = match acc.signum() {`,
          '        -1 => "negative",',
          '        0 => "zero",',
          '        _ => "positive",',
          '    };',
          `    acc += label_${b}.len() as i64;`,
        );
        break;
      case 3:
        w.add(
          `    let scaled_${b}: Vec<f64> = (0..${k}).map(|n| n as f64 * 1.5).collect();`,
          `    if let Some(last) = scaled_${b}.last() {`,
          '        acc += *last as i64;',
          `    } else if scaled_${b}.is_empty() {`,
          '        acc -= 1;',
          '    }',
        );
        break;
      default:
        w.add(
          `    let window_${b} = bytes.chunks(${k}).filter(|c| c.len() == ${k}).count() as i64;`,
          `    let checksum_${b}: u32 = bytes.iter().fold(0u32, |s, b| s.rotate_left(5) ^ u32::from(*b));`,
          `    acc = acc.wrapping_add(window_${b} * i64::from(checksum_${b} % 97));`,
        );
    }
  }
  w.add(ret === 'bool' ? '    acc > 0' : `    acc as ${ret}`, '}', '');
}

/**
 * One section (~`targetLines` lines): its types, an extern block, then exports, helpers and impl methods.
 * `tag` makes every name unique in the crate; `imported` are sections of other modules this one uses.
 */
function section(w: Writer, rng: Random, tag: string, targetLines: number, imported: readonly string[]): void {
  const start = w.lines.length;
  const pointCount = 4;
  const fnTag = tag.toLowerCase(); // rustc wants snake_case function names
  // Several Rust lines per call, grouped by item, to keep this file short.
  w.add(`pub type Id${tag} = u64;`, `pub type Callback${tag} = extern "C" fn(user: *mut c_void, code: c_int) -> c_int;`, `pub type Handle${tag} = *mut State${tag};`, '');
  w.add('#[repr(u8)]', '#[derive(Clone, Copy, Debug, PartialEq, Eq)]', `pub enum Level${tag} {`, '    Low = 0,', '    Mid = 1,', '    High = 2,', '}', '');
  w.add('/// Without a repr: passing this by value is a bug the rule must report.', '#[derive(Clone, Copy, Debug)]');
  w.add(`pub enum Mode${tag} {`, '    Idle,', '    Busy(u32),', '    Done { code: i32 },', '}', '');
  w.add('#[repr(C)]', `pub struct Config${tag} {`, `    pub id: Id${tag},`, '    pub flags: u32,', '    pub scale: f64,', `    pub level: Level${tag},`, `    pub callback: Callback${tag},`);
  w.add(`    pub on_event: Option<extern "C" fn(event: *const Event${tag}) -> c_int>,`, '    pub name: *const c_char,', '}', '');
  w.add('#[repr(C)]', `pub struct Event${tag} {`, '    pub kind: u32,', '    pub payload: [u8; 16],', '    pub timestamp: u64,', '}', '');
  w.add('/// Rust-only state, handed to C as an opaque pointer (which is fine).', `pub struct State${tag} {`, '    values: Vec<u32>,', '    name: String,', `    mode: Mode${tag},`, '}', '');
  for (let p = 0; p < pointCount; p++) {
    // Most points are `#[repr(C)]`; one in four is not, and exports take it by value.
    if (p % 4 !== 3) w.add('#[repr(C)]');
    w.add('#[derive(Clone, Copy, Debug, Default)]', `pub struct Point${tag}_${p} {`, '    pub x: f32,', '    pub y: f32,', '    pub z: f32,', '}', '');
  }
  w.add('extern "C" {', `    fn host_log_${fnTag}(level: c_int, message: *const c_char);`, `    fn host_now_${fnTag}() -> u64;`);
  w.add(`    fn host_submit_${fnTag}(config: *const Config${tag}, event: Event${tag}) -> c_int;`, `    fn host_callback_${fnTag}(callback: Callback${tag}, user: *mut c_void) -> c_int;`, '}', '');
  let n = 0;
  while (w.lines.length - start < targetLines) {
    const point = `Point${tag}_${between(rng, 0, pointCount - 1)}`;
    switch (between(rng, 0, 5)) {
      case 0:
      case 1:
        w.add('#[no_mangle]', `pub extern "C" fn process_${fnTag}_${n}(config: *const Config${tag}, data: *const u8, len: usize, at: ${point}) -> c_int {`);
        body(w, rng, 'c_int');
        break;
      case 2: {
        const other = imported.length > 0 ? pick(rng, imported) : tag;
        w.add('#[no_mangle]', `pub extern "C" fn bridge_${fnTag}_${n}(other: Config${other}, at: Point${other}_${n % pointCount}, data: *const u8, len: usize) -> u64 {`);
        body(w, rng, 'u64');
        break;
      }
      case 3:
        w.add(`fn helper_${fnTag}_${n}(data: *const u8, len: usize, mode: Mode${tag}) -> i64 {`);
        body(w, rng, 'i64');
        break;
      case 4:
        w.add(`impl State${tag} {`, `    pub fn step_${n}(&mut self, data: *const u8, len: usize) -> bool {`);
        w.accumulator('i64');
        w.add('        let _ = (data, len);', '        for v in self.values.iter_mut() {', '            *v = v.wrapping_add(1);', '            acc += i64::from(*v);', '        }', '        acc > self.name.len() as i64', '    }', '}', '');
        break;
      default:
        w.add('#[no_mangle]', `pub extern "C" fn mode_${fnTag}_${n}(mode: Mode${tag}, data: *const u8, len: usize) -> bool {`);
        body(w, rng, 'bool');
    }
    n++;
  }
}

const PRELUDE = ['#![allow(dead_code, unused_imports, unused_variables, clippy::all)]', 'use std::os::raw::{c_char, c_int, c_void};'];

/** A cdylib crate of `fileCount` modules of ~`linesPerFile` lines, written under `root`. */
export function generateCrate(root: string, fileCount: number, linesPerFile: number, seed: number): GeneratedCrate {
  const rng = createRandom(seed);
  const files: GeneratedFile[] = [];
  const write = (relative: string, text: string) => {
    const full = path.join(root, relative);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
    if (relative.endsWith('.rs')) files.push({ path: full, text, lines: countLines(text) });
  };
  write('Cargo.toml', '[package]\nname = "bench-plugin"\nversion = "0.1.0"\nedition = "2021"\n\n[lib]\ncrate-type = ["cdylib"]\n');
  const mods = Array.from({ length: fileCount }, (_, i) => `pub mod m${i};`);
  write('src/lib.rs', ['//! Generated plugin crate for the benchmarks.', '', ...mods, '', '#[no_mangle]', 'pub extern "C" fn plugin_abi_version() -> u32 {', '    1', '}', ''].join('\n'));
  for (let i = 0; i < fileCount; i++) {
    // Each module imports types of up to three earlier modules, so resolution crosses files.
    const imported = i === 0 ? [] : [...new Set(Array.from({ length: between(rng, 1, 3) }, () => `M${between(rng, 0, i - 1)}`))];
    const w = new Writer();
    w.add(`//! Module m${i} of the generated plugin.`, ...PRELUDE);
    for (const tag of imported) w.add(`use crate::m${tag.slice(1)}::{Config${tag}, ${Array.from({ length: 4 }, (_, p) => `Point${tag}_${p}`).join(', ')}};`);
    w.add('');
    section(w, rng, `M${i}`, linesPerFile, imported);
    write(`src/m${i}.rs`, w.lines.join('\n'));
  }
  return { root, files, totalLines: files.reduce((sum, f) => sum + f.lines, 0) };
}

/** One standalone file of ~`lines` lines (sections of ~1,000 lines, later ones using earlier types), for edits. */
export function generateSingleFile(lines: number, seed: number): { text: string; lines: number; editSites: EditSite[] } {
  const rng = createRandom(seed);
  const w = new Writer();
  w.add('//! A large single-file plugin for the edit benchmarks.', ...PRELUDE, '');
  for (let s = 0; w.lines.length < lines; s++) {
    const earlier = Array.from({ length: Math.min(s, 3) }, (_, t) => `S${s - 1 - t}`);
    section(w, rng, `S${s}`, Math.min(1000, lines - w.lines.length), earlier);
  }
  const text = w.lines.join('\n');
  return { text, lines: countLines(text), editSites: w.editSites };
}

/** `count` edit sites spread evenly over the file (each on its own line, so earlier edits never shift them). */
export function spreadEditSites(sites: readonly EditSite[], count: number): EditSite[] {
  if (sites.length < count) throw new Error(`the generated file has ${sites.length} edit sites; ${count} are needed`);
  return Array.from({ length: count }, (_, i) => sites[Math.floor((i * sites.length) / count)]);
}
