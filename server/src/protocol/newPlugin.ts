// "New plugin from header…": the extension asks the server for the files of a crate implementing a header (the
// server has the C parser); the extension writes them. Shared by the language server and client/src/newPlugin/.

/** Custom LSP request: params `NewPluginParams`, result `NewPluginResult`. */
export const NEW_PLUGIN_REQUEST = 'rustPluginGuard/newPluginFromHeader';

export interface NewPluginParams {
  /** The header (`file://` URI). */
  header: string;
  /** Its text when the editor has it open (unsaved edits count); else the server reads the file. */
  text?: string;
  /** The crate's name; default: from the header's file name. */
  crateName?: string;
}

export type NewPluginResult =
  | {
      crateName: string;
      /** Path relative to the new crate's folder → text. */
      files: Record<string, string>;
      implemented: string[];
      /** Declarations left to write by hand, each with why. */
      skipped: string[];
    }
  | { error: string };
