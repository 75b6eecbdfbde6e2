/**
 * Untitled `.threads` documents: a sample opened as a copy, or a new scenario. An untitled
 * document needs no workspace folder and writes nothing to disk until the user saves it, so the
 * installed samples stay intact even when the extension's folder is read-only.
 */
import * as vscode from 'vscode';
import { copyName } from './sample-info';

/** Opens an untitled `threadscape` document called `fileName` (or a free variant) holding `text`. */
export async function openUntitled(fileName: string, text: string): Promise<vscode.TextEditor> {
  const taken = new Set(
    vscode.workspace.textDocuments
      .filter((d) => d.uri.scheme === 'untitled')
      .map((d) => d.uri.path.replace(/^.*\//, '')),
  );
  const uri = vscode.Uri.from({ scheme: 'untitled', path: copyName(fileName, taken) });
  let doc = await vscode.workspace.openTextDocument(uri);
  if (doc.languageId !== 'threadscape') doc = await vscode.languages.setTextDocumentLanguage(doc, 'threadscape');
  const editor = await vscode.window.showTextDocument(doc);
  if (text !== '') {
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), text));
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    editor.revealRange(new vscode.Range(0, 0, 0, 0), vscode.TextEditorRevealType.AtTop);
  }
  return editor;
}
