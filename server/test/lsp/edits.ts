/** Applies LSP text edits to a text (for checking what a quick fix or rename produces). */
import type { TextEdit } from 'vscode-languageserver-protocol';

function offsetAt(text: string, p: { line: number; character: number }): number {
  let offset = 0;
  for (let l = 0; l < p.line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  return offset + p.character;
}

/** The text after `edits` (non-overlapping, as LSP requires). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const spans = edits
    .map((e) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + s.newText + out.slice(s.end);
  return out;
}
