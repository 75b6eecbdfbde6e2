/**
 * Control characters (docs/reference/language.md §2): U+0000–U+001F except tab, and U+007F–U+009F. A string
 * may not contain them, and text taken from a file is shown with them escaped (docs/reference/cli.md).
 */
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;

/** The offset of the first control character of `s`, or -1. */
export function firstControl(s: string): number {
  CONTROL.lastIndex = 0;
  const m = CONTROL.exec(s);
  return m ? m.index : -1;
}

/** `s` with every control character written `\xHH`, so that printing it cannot act on a terminal. */
export function escapeControls(s: string): string {
  return s.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
