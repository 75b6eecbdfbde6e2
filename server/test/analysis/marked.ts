/**
 * Inline range markers for analysis fixtures: `⟦…⟧` marks a range. The markers are removed and
 * the ranges come back in order of appearance, as LSP 0-based positions.
 */
import type { SourceRange } from '../../src/language/model';

export interface MarkedText {
  text: string;
  ranges: SourceRange[];
}

/** Strips the `⟦` `⟧` markers from `source`. */
export function marked(source: string): MarkedText {
  let text = '';
  let line = 0;
  let character = 0;
  const ranges: SourceRange[] = [];
  let open: SourceRange['start'] | null = null;
  for (const ch of source) {
    if (ch === '⟦') {
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
      } else character += ch.length;
    }
  }
  if (open) throw new Error('unclosed ⟦ in fixture');
  return { text, ranges };
}
