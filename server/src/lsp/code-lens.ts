/** The "▶ Simulate" lens on the scenario block (or on the first process when there is none). */
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import type { ServerContext } from './context';
import { SIMULATE_COMMAND } from './protocol';
import { lexed } from './lexed';

/** Offset range of the first top-level `scenario` or `process` keyword (the grammar puts the scenario first), or null. */
export function lensAnchor(text: string): { start: number; end: number } | null {
  let depth = 0;
  for (const t of lexed(text)) {
    if (t.text === '{') depth++;
    else if (t.text === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0 && t.kind === 'word' && (t.text === 'scenario' || t.text === 'process')) return t;
  }
  return null;
}

/** Registers `textDocument/codeLens`. */
export function registerCodeLens(ctx: ServerContext): void {
  ctx.connection.onCodeLens((params: CodeLensParams): CodeLens[] => {
    const doc = ctx.documents.get(params.textDocument.uri);
    if (!doc) return [];
    const anchor = lensAnchor(doc.getText());
    if (!anchor) return [];
    return [
      {
        range: { start: doc.positionAt(anchor.start), end: doc.positionAt(anchor.end) },
        command: { title: '▶ Simulate', command: SIMULATE_COMMAND, arguments: [params.textDocument.uri] },
      },
    ];
  });
}
