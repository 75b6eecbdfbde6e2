/**
 * The first hour, inside the extension host: Open Sample… (an untitled copy, the installed
 * original intact), New Scenario, the link from a diagnostic's code to the reference, the quick
 * fix that ends the philosophers' deadlock, the walkthrough and the reference commands.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { expandSnippet, SNIPPETS } from '@server/lsp/snippets';
import { codeOf, diagnosticsWith, test, waitFor } from './harness';

const decoder = new TextDecoder();
const SAMPLE = 'dining-philosophers.threads';

function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.all.find((e) => e.packageJSON?.name === 'threadscape');
  assert.ok(ext, 'the extension is installed');
  return ext;
}

async function readShipped(...path: string[]): Promise<string> {
  return decoder.decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension().extensionUri, ...path)));
}

function activeDocument(): vscode.TextDocument {
  const doc = vscode.window.activeTextEditor?.document;
  assert.ok(doc, 'an editor is active');
  return doc;
}

const tabLabels = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label);

function tabLike(re: RegExp, what: string): Promise<string> {
  return waitFor(vscode.window.tabGroups.onDidChangeTabs, () => tabLabels().find((l) => re.test(l)), what);
}

export function registerFirstHourTests(): void {
  test('Open Sample opens a shipped sample as an untitled copy, and the original stays intact', async () => {
    const original = await readShipped('samples', SAMPLE);
    await vscode.commands.executeCommand('threadscape.openSample', SAMPLE);
    const doc = activeDocument();
    assert.equal(doc.uri.scheme, 'untitled');
    assert.equal(doc.uri.path.replace(/^.*\//, ''), SAMPLE);
    assert.equal(doc.languageId, 'threadscape');
    assert.equal(doc.getText(), original);
    await diagnosticsWith(doc.uri, ['lock-order-cycle', 'deadlock'], 'the copy is analysed and simulated');
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.options.tabSize, 2, 'indented as the samples are, by two spaces');
    assert.equal(editor.options.insertSpaces, true);
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(0, 0), '// my notes\n')));
    assert.equal(await readShipped('samples', SAMPLE), original, 'the installed sample is unchanged');
  });

  test('a second copy of the same sample gets a name of its own', async () => {
    await vscode.commands.executeCommand('threadscape.openSample', SAMPLE);
    const doc = activeDocument();
    assert.equal(doc.uri.scheme, 'untitled');
    assert.equal(doc.uri.path.replace(/^.*\//, ''), 'dining-philosophers-2.threads');
  });

  test("a diagnostic's code links to its section of the shipped reference", async () => {
    const doc = activeDocument();
    const ds = await diagnosticsWith(doc.uri, ['deadlock'], 'the deadlock');
    const deadlock = ds.find((d) => codeOf(d) === 'deadlock')!;
    assert.ok(typeof deadlock.code === 'object', 'the code carries a link');
    const target = deadlock.code.target;
    assert.equal(target.scheme, 'file');
    assert.match(target.path, /\/docs\/reference\/diagnostics\.md$/);
    const line = Number(/^L(\d+)$/.exec(target.fragment)?.[1]);
    await vscode.commands.executeCommand('vscode.open', target);
    const reference = activeDocument();
    assert.match(reference.uri.path, /\/docs\/reference\/diagnostics\.md$/);
    assert.equal(reference.lineAt(line - 1).text, '### `deadlock`');
    assert.equal(vscode.window.activeTextEditor?.selection.active.line, line - 1, 'opened at the section');
  });

  test("the deadlock's quick fix splits the last philosopher off, and the cycle is gone", async () => {
    await vscode.commands.executeCommand('threadscape.openSample', SAMPLE);
    const doc = activeDocument();
    const ds = await diagnosticsWith(doc.uri, ['deadlock'], 'the deadlock');
    const deadlock = ds.find((d) => codeOf(d) === 'deadlock')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      deadlock.range,
    );
    const split = actions.find((a) => /^Split phil\[4\] off/.test(a.title) && a.edit);
    assert.ok(split?.edit, `a split among: ${actions.map((a) => a.title).join('; ')}`);
    assert.ok(await vscode.workspace.applyEdit(split.edit));
    assert.match(doc.getText(), /thread phil\[4\] \{[\s\S]*thread phil_last \{/);
    await waitFor(
      vscode.languages.onDidChangeDiagnostics,
      () => {
        const codes = vscode.languages.getDiagnostics(doc.uri).map(codeOf);
        return codes.includes('deadlock') || codes.includes('lock-order-cycle') ? undefined : true;
      },
      'the cycle and the deadlock to go',
    );
  });

  test('New Scenario opens an untitled scenario from the skeleton snippet', async () => {
    await vscode.commands.executeCommand('threadscape.newScenario');
    const doc = activeDocument();
    assert.equal(doc.uri.scheme, 'untitled');
    assert.equal(doc.languageId, 'threadscape');
    const skeleton = SNIPPETS.find((s) => s.id === 'scenario')!;
    assert.equal(doc.getText(), expandSnippet(skeleton.body));
  });

  test('the walkthrough is contributed and opens', async () => {
    const walkthroughs = extension().packageJSON.contributes.walkthroughs as { id: string }[];
    assert.deepEqual(
      walkthroughs.map((w) => w.id),
      ['firstHour'],
    );
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${extension().id}#firstHour`, false);
    await tabLike(/Threadscape|Walkthrough|Welcome/, 'the walkthrough tab');
  });

  test("the walkthrough's Simulate button means the scenario its tab hides", async () => {
    await vscode.commands.executeCommand('threadscape.openSample', 'sigwaiting.threads');
    const scenario = activeDocument();
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${extension().id}#firstHour`, false);
    await waitFor(
      vscode.window.onDidChangeActiveTextEditor,
      () => (vscode.window.visibleTextEditors.some((e) => e.document === scenario) ? undefined : true),
      'the walkthrough in front of the scenario',
    );
    // As the step's button does: the command with no argument.
    await vscode.commands.executeCommand('threadscape.simulate');
    const panel = () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .find((t) => t.input instanceof vscode.TabInputWebview && /^Simulation: sigwaiting/.test(t.label));
    await waitFor(vscode.window.tabGroups.onDidChangeTabs, panel, `a panel of the scenario (tabs: ${tabLabels()})`);
  });

  test('Open Reference shows the language reference in the Markdown preview', async () => {
    await vscode.commands.executeCommand('threadscape.openReference', 'language');
    await tabLike(/Preview language\.md/, 'the preview of language.md');
  });
}
