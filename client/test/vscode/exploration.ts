/**
 * The exploration tier inside the extension host: a deadlock only some schedule reaches
 * appears as `deadlock-reachable`, and its light bulb's "Play counterexample" opens the panel
 * replaying it.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { PLAY_COUNTEREXAMPLE_COMMAND as PLAY } from '@server/lsp/protocol';
import { codeOf, diagnosticsWith, waitFor, test } from './harness';

const panels = () =>
  vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && /threadscape/i.test(t.input.viewType));

export function registerExplorationTests(): void {
  test('Play counterexample from the light bulb opens the panel on the reachable deadlock', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'a workspace folder is open');
    // From server/test/fixtures/exploration, copied into the workspace.
    const uri = vscode.Uri.joinPath(folder.uri, 'opposite-orders.threads');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const ds = await diagnosticsWith(uri, ['deadlock-reachable'], 'deadlock-reachable');
    const d = ds.find((x) => codeOf(x) === 'deadlock-reachable');
    assert.ok(d);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.ok(!ds.some((x) => codeOf(x) === 'deadlock'), 'the default run does not deadlock');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      d.range,
    );
    const play = actions.find((a) => a.command?.command === PLAY);
    assert.ok(play?.command, `a Play counterexample action among: ${actions.map((a) => a.title).join('; ')}`);
    const [arg] = (play.command.arguments ?? []) as { uri: string; version: number; choices: unknown[] }[];
    assert.equal(arg.uri, uri.toString());
    assert.equal(arg.version, editor.document.version);
    assert.ok(arg.choices.length > 0);

    await vscode.commands.executeCommand(PLAY, ...(play.command.arguments ?? []));
    const tab = await waitFor(
      vscode.window.tabGroups.onDidChangeTabs,
      () => panels().find((t) => /opposite-orders/.test(t.label)),
      'the panel replaying the counterexample',
    );
    assert.match(tab.label, /opposite-orders/);
  });
}
