/**
 * The first-hour commands:
 * - "Threadscape: Open Sample…" (`threadscape.openSample`): a quick pick over the samples the
 *   extension ships, each opened as an untitled copy (an argument, a sample's file name, opens
 *   that one directly: the walkthrough's buttons use it);
 * - "Threadscape: New Scenario" (`threadscape.newScenario`): an untitled scenario from the
 *   skeleton snippet, its placeholders ready to fill in;
 * - "Threadscape: Open Reference" (`threadscape.openReference`): the shipped reference
 *   (`language`, `diagnostics` or `cli`) in the Markdown preview.
 * All read the extension's own files through `workspace.fs`, so they work from a read-only
 * install, in a remote window, and without a workspace folder.
 */
import * as vscode from 'vscode';
import { SNIPPETS } from '@server/lsp/snippets';
import { NEW_SCENARIO_COMMAND, OPEN_REFERENCE_COMMAND, OPEN_SAMPLE_COMMAND, REFERENCES } from './ids';
import { sampleItem, type SampleItem } from './sample-info';
import { openUntitled } from './untitled';

type Reference = keyof typeof REFERENCES;

const decoder = new TextDecoder();

async function readText(uri: vscode.Uri): Promise<string> {
  return decoder.decode(await vscode.workspace.fs.readFile(uri));
}

/** The shipped samples, in file-name order, with what the quick pick shows. */
async function samples(root: vscode.Uri): Promise<(SampleItem & { uri: vscode.Uri })[]> {
  const dir = vscode.Uri.joinPath(root, 'samples');
  const names = (await vscode.workspace.fs.readDirectory(dir))
    .filter(([name, type]) => type === vscode.FileType.File && name.endsWith('.threads'))
    .map(([name]) => name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const uri = vscode.Uri.joinPath(dir, name);
      return { ...sampleItem(name, await readText(uri)), uri };
    }),
  );
}

/** Opens a sample as an untitled copy: `arg` names it, else the user picks one. */
export async function openSample(root: vscode.Uri, arg?: unknown): Promise<vscode.TextEditor | undefined> {
  const all = await samples(root);
  const chosen =
    all.find((s) => s.fileName === arg) ??
    (await vscode.window.showQuickPick(all, {
      title: 'Threadscape: Open Sample',
      placeHolder: 'A scenario that shows one idea of the model (opened as an untitled copy)',
      matchOnDescription: true,
      matchOnDetail: true,
    }));
  if (!chosen) return undefined;
  return openUntitled(chosen.fileName, await readText(chosen.uri));
}

/** An untitled scenario from the skeleton snippet. */
export async function newScenario(): Promise<vscode.TextEditor> {
  const editor = await openUntitled('scenario.threads', '');
  const skeleton = SNIPPETS.find((s) => s.id === 'scenario');
  if (skeleton) await editor.insertSnippet(new vscode.SnippetString(skeleton.body));
  return editor;
}

/** The reference page `arg` (or the one the user picks) in the Markdown preview. */
export async function openReference(root: vscode.Uri, arg?: unknown): Promise<void> {
  const isReference = (x: unknown): x is Reference => typeof x === 'string' && x in REFERENCES;
  const page = isReference(arg)
    ? arg
    : (
        await vscode.window.showQuickPick(
          (Object.keys(REFERENCES) as Reference[]).map((id) => ({ label: REFERENCES[id], id })),
          { title: 'Threadscape: Open Reference' },
        )
      )?.id;
  if (!page) return;
  await vscode.commands.executeCommand(
    'markdown.showPreview',
    vscode.Uri.joinPath(root, 'docs', 'reference', `${page}.md`),
  );
}

/** Registers the three commands. */
export function registerAuthoringCommands(context: vscode.ExtensionContext): void {
  const root = context.extensionUri;
  context.subscriptions.push(
    vscode.commands.registerCommand(OPEN_SAMPLE_COMMAND, (arg?: unknown) => openSample(root, arg)),
    vscode.commands.registerCommand(NEW_SCENARIO_COMMAND, () => newScenario()),
    vscode.commands.registerCommand(OPEN_REFERENCE_COMMAND, (arg?: unknown) => openReference(root, arg)),
  );
}
