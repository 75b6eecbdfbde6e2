/**
 * Inline position markers for fixtures: `‸` marks a position, `⟦…⟧` a range. The markers are
 * removed; positions and ranges come back in order of appearance (LSP 0-based positions).
 */
export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}

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
  for (const ch of source) {
    if (ch === '‸') {
      positions.push({ line, character });
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
