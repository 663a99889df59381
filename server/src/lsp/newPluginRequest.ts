// `rustPluginGuard/newPluginFromHeader`: the files of a new plugin crate for a header (see newPlugin/).
import { readFile } from 'node:fs/promises';
import { loadCParser } from '../interface/cHeader/parseHeader';
import { newPluginFiles } from '../newPlugin/newPluginCrate';
import type { ParserAssets } from '../parsing/treeSitter';
import type { NewPluginParams, NewPluginResult } from '../protocol/newPlugin';
import { uriToPath } from './convert';

export async function newPluginFor(assets: ParserAssets, params: NewPluginParams): Promise<NewPluginResult> {
  const file = uriToPath(params.header);
  if (!file) return { error: `${params.header}: not a file on disk; open or save the header first` };
  let text = params.text;
  if (text === undefined) {
    try {
      text = await readFile(file, 'utf8');
    } catch {
      return { error: `${file}: cannot be read` };
    }
  }
  if (params.crateName !== undefined && !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(params.crateName)) return { error: `\`${params.crateName}\` is not a crate name (letters, digits, \`_\` and \`-\`)` };
  const generated = newPluginFiles(await loadCParser(assets), file, text, params.crateName);
  return { crateName: generated.crateName, files: Object.fromEntries(generated.files), implemented: generated.implemented, skipped: generated.skipped };
}
