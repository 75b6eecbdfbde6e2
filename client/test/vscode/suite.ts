/**
 * The integration suite, run inside a real VS Code extension host (the module shape
 * @vscode/test-electron expects: `run()` resolves when every test passed). runTests launches it
 * in desktop VS Code, or here in the extension host of VS Code's server through a launcher (see
 * scripts/vscode-test/run.mjs).
 *
 * Every wait is on an event (diagnostics changed, tabs changed) with a deadline, never a sleep.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { registerExplorationTests } from './exploration';
import { registerFirstHourTests } from './first-hour';
import { codeOf, diagnosticsWith, test, tests, waitFor } from './harness';

function fileUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

async function open(name: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(fileUri(name));
  return vscode.window.showTextDocument(doc);
}

function positionOf(doc: vscode.TextDocument, needle: string, nth = 0): vscode.Position {
  let at = -1;
  for (let k = 0; k <= nth; k++) {
    at = doc.getText().indexOf(needle, at + 1);
    assert.ok(at >= 0, `'${needle}' occurs ${nth + 1} times`);
  }
  return doc.positionAt(at);
}

test('a .threads file opens as Threadscape and activates the extension', async () => {
  const editor = await open('dining-three.threads');
  assert.equal(editor.document.languageId, 'threadscape');
  const ext = vscode.extensions.all.find((e) => e.packageJSON?.name === 'threadscape');
  assert.ok(ext, 'the extension is installed');
  await waitFor(vscode.languages.onDidChangeDiagnostics, () => (ext.isActive ? true : undefined), 'activation');
});

test('static analysis and then the simulation report the philosophers’ deadlock', async () => {
  const uri = fileUri('dining-three.threads');
  const ds = await diagnosticsWith(uri, ['lock-order-cycle', 'deadlock'], 'lock-order-cycle and deadlock');
  const deadlock = ds.find((d) => codeOf(d) === 'deadlock');
  assert.ok(deadlock);
  assert.equal(deadlock.severity, vscode.DiagnosticSeverity.Error);
  assert.equal(deadlock.source, 'threadscape');
  assert.match(deadlock.message, /phil\[0\]/);
});

test('a syntax error appears where it is typed and goes away on undo', async () => {
  const editor = await open('fifo-three-jobs.threads');
  const doc = editor.document;
  const at = positionOf(doc, 'compute 20');
  await editor.edit((b) => b.insert(at, 'compute }'));
  const ds = await diagnosticsWith(doc.uri, ['syntax'], 'a syntax diagnostic');
  const syntax = ds.find((d) => codeOf(d) === 'syntax');
  assert.ok(syntax);
  assert.equal(syntax.range.start.line, at.line);
  await vscode.commands.executeCommand('undo');
  await waitFor(
    vscode.languages.onDidChangeDiagnostics,
    () => (vscode.languages.getDiagnostics(doc.uri).some((d) => codeOf(d) === 'syntax') ? undefined : true),
    'the syntax diagnostic to go',
  );
  assert.equal(doc.isDirty, false);
});

test('completion offers statements in a body and declared mutexes after lock', async () => {
  const editor = await open('dining-three.threads');
  const doc = editor.document;
  const afterLock = positionOf(doc, 'lock fork[i]').translate(0, 'lock '.length);
  const names = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    doc.uri,
    afterLock,
  );
  const labels = names.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
  assert.ok(labels.includes('fork'), `mutex names offered: ${labels.join(', ')}`);
  const lineStart = new vscode.Position(afterLock.line, 4);
  const stmts = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    doc.uri,
    lineStart,
  );
  const stmtLabels = stmts.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
  for (const s of ['compute', 'lock', 'wait', 'sem_post', 'repeat'])
    assert.ok(stmtLabels.includes(s), `statement ${s} offered`);
});

test('hover explains a keyword in the SunOS model', async () => {
  const editor = await open('one-to-one-io.threads');
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
    'vscode.executeHoverProvider',
    editor.document.uri,
    positionOf(editor.document, 'one_to_one'),
  );
  const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
  assert.match(text, /LWP/);
});

test('go to definition leads from a lock to the mutex declaration', async () => {
  const editor = await open('pathfinder-inversion.threads');
  const doc = editor.document;
  const ref = positionOf(doc, 'lock bus').translate(0, 'lock '.length + 1);
  const defs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
    'vscode.executeDefinitionProvider',
    doc.uri,
    ref,
  );
  assert.equal(defs.length, 1);
  const range = 'targetRange' in defs[0] ? defs[0].targetRange : defs[0].range;
  assert.equal(range.start.line, positionOf(doc, 'mutex bus').line);
});

test('the inversion-risk quick fix adds inherit to the mutex, undoably', async () => {
  const editor = await open('pathfinder-inversion.threads');
  const doc = editor.document;
  const ds = await diagnosticsWith(doc.uri, ['inversion-risk'], 'inversion-risk');
  const risk = ds.find((d) => codeOf(d) === 'inversion-risk');
  assert.ok(risk);
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    doc.uri,
    risk.range,
  );
  const fix = actions.find((a) => /inherit/.test(a.title) && a.edit);
  assert.ok(fix?.edit, `an 'inherit' fix among: ${actions.map((a) => a.title).join('; ')}`);
  assert.ok(await vscode.workspace.applyEdit(fix.edit));
  assert.match(doc.getText(), /mutex bus block inherit/);
  await waitFor(
    vscode.languages.onDidChangeDiagnostics,
    () => (vscode.languages.getDiagnostics(doc.uri).some((d) => codeOf(d) === 'inversion-risk') ? undefined : true),
    'the inversion risk to go',
  );
  await vscode.commands.executeCommand('undo');
  assert.match(doc.getText(), /mutex bus block\n/);
});

test('rename changes a thread array and every reference to it', async () => {
  const editor = await open('dining-three-ordered.threads');
  const doc = editor.document;
  const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
    'vscode.executeDocumentRenameProvider',
    doc.uri,
    positionOf(doc, 'fork[3]'),
    'chopstick',
  );
  const edits = edit.get(doc.uri);
  assert.ok(edits.length >= 9, `one edit per occurrence of fork, got ${edits.length}`);
  assert.ok(edits.every((e) => e.newText === 'chopstick'));
});

test('Threadscape: Simulate opens one panel per document', async () => {
  const uri = fileUri('cross-cpu-preemption.threads');
  await open('cross-cpu-preemption.threads');
  const panels = () =>
    vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputWebview && /threadscape/i.test(t.input.viewType));
  await vscode.commands.executeCommand('threadscape.simulate', uri);
  const tabs = await waitFor(
    vscode.window.tabGroups.onDidChangeTabs,
    () => (panels().length > 0 ? panels() : undefined),
    'the panel',
  );
  assert.equal(tabs.length, 1);
  assert.match(tabs[0].label, /cross-cpu-preemption/);
  await vscode.commands.executeCommand('threadscape.simulate', uri);
  assert.equal(panels().length, 1, 'the same document reuses its panel');
});

registerFirstHourTests();
registerExplorationTests();

/** Entry point called by VS Code's extension test runner. */
export async function run(): Promise<void> {
  let failed = 0;
  for (const t of tests) {
    try {
      const skipped = await t.fn();
      console.log(`ok   ${t.name}${typeof skipped === 'string' ? ` (skipped: ${skipped})` : ''}`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${t.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  console.log(`vscode: ${tests.length - failed} passed, ${failed} failed`);
  if (failed) throw new Error(`${failed} integration test(s) failed`);
}
