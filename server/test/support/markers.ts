/**
 * Inline markers for every fixture of the tests: `‸` marks a position, `⟦…⟧` a range. The
 * markers are removed; ranges come back in order of appearance (LSP 0-based positions, UTF-16
 * characters), positions too, unless labelled: `‸3` is `positions[3]` (the digits are part of
 * the marker).
 */
import type { Position, SourceRange as Range } from '../../src/language/model';

export interface Marked {
  text: string;
  /** Every `‸`, in order. */
  positions: Position[];
  /** Every `⟦…⟧`, in order of their opening marker (no nesting). */
  ranges: Range[];
}

/** Strips the markers from `source`. */
export function mark(source: string): Marked {
  let text = '';
  let line = 0;
  let character = 0;
  const positions: Position[] = [];
  const ranges: Range[] = [];
  let open: Position | null = null;
  const chars = [...source];
  for (let k = 0; k < chars.length; k++) {
    const ch = chars[k];
    if (ch === '‸') {
      let label = '';
      while (k + 1 < chars.length && /[0-9]/.test(chars[k + 1])) label += chars[++k];
      if (label) positions[Number(label)] = { line, character };
      else positions.push({ line, character });
    } else if (ch === '⟦') {
      if (open) throw new Error('nested ⟦ in fixture');
      open = { line, character };
    } else if (ch === '⟧') {
      if (!open) throw new Error('⟧ without ⟦ in fixture');
      ranges.push({ start: open, end: { line, character } });
      open = null;
    } else {
      text += ch;
      if (ch === '\n') {
        line++;
        character = 0;
      } else {
        character += ch.length;
      }
    }
  }
  if (open) throw new Error('unclosed ⟦ in fixture');
  return { text, positions, ranges };
}

/** Strips the markers from `source` when only its ranges matter. */
export function marked(source: string): { text: string; ranges: Range[] } {
  const { text, ranges } = mark(source);
  return { text, ranges };
}
