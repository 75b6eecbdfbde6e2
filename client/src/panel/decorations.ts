/**
 * The editor's marks of where each thread is at the panel's playhead: the statement each
 * thread reached last, in the thread's colour, its name after it. One decoration type per hue
 * (created when first needed), applied to every visible editor of the panel's document.
 */
import * as vscode from 'vscode';
import type { ThreadMark } from '../protocol';
import { threadColour } from '../thread-colours';
import { decorationsByHue, type MarkDecoration } from './marks';

function decorationType(slot: number): vscode.TextEditorDecorationType {
  const look = (dark: boolean): vscode.ThemableDecorationRenderOptions => ({
    backgroundColor: threadColour(slot, dark, 0.16),
    border: `1px solid ${threadColour(slot, dark, 0.85)}`,
    after: { color: threadColour(slot, dark), fontStyle: 'italic', margin: '0 0 0 0.6em' },
  });
  return vscode.window.createTextEditorDecorationType({
    borderRadius: '3px',
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    light: look(false),
    dark: look(true),
  });
}

export class ThreadDecorations implements vscode.Disposable {
  private readonly types = new Map<number, vscode.TextEditorDecorationType>();
  private byHue = new Map<number, MarkDecoration[]>();

  constructor(private readonly documentUri: vscode.Uri) {}

  /** Shows the marks in every visible editor of the document (replacing the previous ones). */
  set(marks: readonly ThreadMark[]): void {
    this.byHue = decorationsByHue(marks);
    this.apply();
  }

  /** Applies the current marks again (an editor of the document became visible). */
  apply(): void {
    const editors = vscode.window.visibleTextEditors.filter(
      (e) => e.document.uri.toString() === this.documentUri.toString(),
    );
    for (const slot of this.byHue.keys()) if (!this.types.has(slot)) this.types.set(slot, decorationType(slot));
    for (const [slot, type] of this.types) {
      const options = (this.byHue.get(slot) ?? []).map((d): vscode.DecorationOptions => ({
        range: new vscode.Range(d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character),
        hoverMessage: d.hover,
        renderOptions: { after: { contentText: d.label } },
      }));
      for (const e of editors) e.setDecorations(type, options);
    }
  }

  dispose(): void {
    for (const t of this.types.values()) t.dispose();
    this.types.clear();
    this.byHue.clear();
  }
}
