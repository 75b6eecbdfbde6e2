/**
 * The lenses on the scenario block (or on the first process when there is none): "▶ Simulate",
 * then the last exploration of this version: "▶ Play counterexample: deadlock at t=12" for each
 * finding, or the search in words ("no deadlock in any schedule: 12,345 states").
 */
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import type { ServerContext } from './context';
import { SIMULATE_COMMAND } from './protocol';
import { lexed } from './lexed';
import { playCommand, playLensTitle } from './play-counterexample';

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
    const range = { start: doc.positionAt(anchor.start), end: doc.positionAt(anchor.end) };
    const uri = params.textDocument.uri;
    const lenses: CodeLens[] = [
      { range, command: { title: '▶ Simulate', command: SIMULATE_COMMAND, arguments: [uri] } },
    ];
    const report = ctx.tiers.exploration.report(uri, doc.version);
    if (!report) return lenses;
    for (const f of report.findings) {
      lenses.push({ range, command: playCommand(playLensTitle(f), uri, report.version, f) });
    }
    // An empty command id: the lens is text, not a link.
    if (report.findings.length === 0 && !report.running)
      lenses.push({ range, command: { title: report.text, command: '' } });
    return lenses;
  });
}
