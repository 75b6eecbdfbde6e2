/**
 * "Save replay": the webview's schedule written as the choices file that
 * `threadscape run FILE --replay CHOICES.json` takes, where the user says (beside the scenario
 * by default).
 */
import * as vscode from 'vscode';
import type { ChoiceRecord } from '@server/explorer/unit-tree';
import { choicesFileText, defaultChoicesName } from './choices-file';

/** Asks where to save, writes the file, and says how to replay it. */
export async function saveReplay(documentUri: vscode.Uri, choices: readonly ChoiceRecord[]): Promise<void> {
  const name = defaultChoicesName(documentUri.path);
  const folder =
    documentUri.scheme === 'file'
      ? vscode.Uri.joinPath(documentUri, '..')
      : vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    title: 'Threadscape: Save Replay',
    saveLabel: 'Save Replay',
    defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
    filters: { 'Choices file': ['json'] },
  });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(choicesFileText(choices)));
  const file = target.path.split('/').pop();
  void vscode.window.showInformationMessage(
    `Threadscape: saved ${choices.length} choice${choices.length === 1 ? '' : 's'} to ${file}; replay them with threadscape run FILE --replay ${file}.`,
  );
}
