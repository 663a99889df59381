// The files of a new plugin crate made from a header: Cargo.toml (a cdylib, edition 2024), src/lib.rs and a copy of
// the header under include/ (where the engine finds it, so the crate is checked against it from the start).
import * as path from 'node:path';
import type { Parser } from 'web-tree-sitter';
import { parseHeader } from '../interface/cHeader/parseHeader';
import { renderPlugin } from './renderPlugin';

export interface NewPluginFiles {
  crateName: string;
  /** Relative path → text. */
  files: Map<string, string>;
  /** Declarations left for the user, each with why. */
  skipped: string[];
  implemented: string[];
}

/** `my-plugin.h` → `my_plugin`; a name cargo accepts (letters, digits, `_`, `-`, not starting with a digit). */
export function crateNameFor(headerFile: string): string {
  const base = path.basename(headerFile).replace(/\.[^.]*$/, '').toLowerCase().replace(/[^a-z0-9_-]+/g, '_').replace(/^[-_]+|[-_]+$/g, '');
  if (base === '') return 'plugin';
  return /^[0-9]/.test(base) ? `plugin_${base}` : base;
}

export function newPluginFiles(parser: Parser, headerFile: string, headerText: string, crateName = crateNameFor(headerFile)): NewPluginFiles {
  const header = parseHeader(parser, headerFile, headerText);
  const headerName = path.basename(headerFile);
  const { librs, implemented, skipped } = renderPlugin(header, headerName);
  const manifest = [
    '[package]',
    `name = "${crateName}"`,
    'version = "0.1.0"',
    'edition = "2024"',
    '',
    '[lib]',
    '# A library the host loads at run time (dlopen/LoadLibrary).',
    'crate-type = ["cdylib"]',
    '',
  ].join('\n');
  const files = new Map<string, string>([
    ['Cargo.toml', manifest],
    ['src/lib.rs', librs],
    [`include/${headerName}`, headerText],
  ]);
  return { crateName, files, skipped, implemented };
}
