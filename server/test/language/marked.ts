/**
 * Inline range markers for fixtures: `⟦` and `⟧` delimit an expected range; they are removed
 * from the text, and the ranges come back in LSP form (0-based line and UTF-16 character).
 */
import type { SourceRange, Position } from '../../src/language/model';

export interface Marked {
  text: string;
  ranges: SourceRange[];
}

export function marked(source: string): Marked {
  let text = '';
  const ranges: SourceRange[] = [];
  let open: Position | null = null;
  let line = 0;
  let character = 0;
  for (const ch of source) {
    if (ch === '⟦') {
      open = { line, character };
    } else if (ch === '⟧') {
      if (!open) throw new Error('⟧ without ⟦');
      ranges.push({ start: open, end: { line, character } });
      open = null;
    } else {
      text += ch;
      if (ch === '\n') {
        line++;
        character = 0;
      } else character += ch.length;
    }
  }
  if (open) throw new Error('⟦ without ⟧');
  return { text, ranges };
}
