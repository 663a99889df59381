// Judges the bytes of a C string a probe returned. Text a plugin hands out is UTF-8 without control
// characters; bytes that are not (what a dangling pointer into freed memory reads) make the probe suspicious.

/** C0 controls other than tab, LF and CR (which text may hold), DEL, and C1 controls. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

export interface CStringVerdict {
  /** The text, invalid sequences replaced by U+FFFD. */
  text: string;
  /** Why the bytes do not look like text; undefined when they do. */
  problem?: string;
}

export function judgeCString(bytes: Uint8Array): CStringVerdict {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { text, problem: 'is not valid UTF-8' };
  }
  const control = CONTROL.exec(text);
  if (control) return { text, problem: `holds the control character U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` };
  return { text };
}
