/**
 * One playback panel for one document: creates the webview (scripts on, local resources
 * limited to dist/, no retained context), sends the document's model after `ready` and after
 * every edit, and reveals ranges the webview asks for. A mode, a replay or findings given before
 * the webview has its first model wait for it. Disposes everything it registers.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ModelRequest } from '@server/lsp/protocol';
import { parse } from '@server/language/parse';
import { markedLines } from '@server/teaching/checkpoints';
import { writtenSettings } from '@server/teaching/override';
import {
  isWebviewMessage,
  type FindingsMessage,
  type HostMessage,
  type PanelMode,
  type ReplayMessage,
  type WebviewMessage,
} from '../protocol';
import { ThreadDecorations } from './decorations';
import { panelHtml } from './html';
import { saveReplay } from './save-replay';

export const VIEW_TYPE = 'threadscape.simulation';

/** Milliseconds of quiet typing before the model is asked for again. */
const EDIT_DELAY = 300;

/** Requests retried (one edit delay apart) before the panel shows the error. */
const MAX_RETRIES = 5;

/** Options for a panel's webview: scripts on, resources only from dist/. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist')] };
}

function fileName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() || uri.toString();
}

export class SimulationPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  private disposed = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private requestId = 0;
  /** Failed requests in a row; the server may not have seen the document open yet. */
  private failures = 0;
  /** Where each thread is at the playhead, marked in the document's editors. */
  private readonly marks: ThreadDecorations;
  /** True once a model was posted: what waits for one goes after it. */
  private modelPosted = false;
  /** Mode, replay and findings to post after the first model (the last of each kind). */
  private readonly waiting = new Map<HostMessage['type'], HostMessage>();

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly documentUri: vscode.Uri,
    extensionUri: vscode.Uri,
    private readonly client: LanguageClient,
    private readonly onDisposed: (p: SimulationPanel) => void,
  ) {
    const webview = panel.webview;
    this.marks = new ThreadDecorations(documentUri);
    webview.options = webviewOptions(extensionUri);
    panel.title = `Simulation: ${fileName(documentUri)}`;
    const dist = vscode.Uri.joinPath(extensionUri, 'dist');
    webview.html = panelHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.css')).toString(),
      nonce: randomBytes(18).toString('base64'),
      title: panel.title,
      uri: documentUri.toString(),
    });
    this.disposables.push(
      webview.onDidReceiveMessage((m: unknown) => {
        if (isWebviewMessage(m)) void this.onMessage(m);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === documentUri.toString() && e.contentChanges.length > 0) this.scheduleUpdate();
      }),
      vscode.window.onDidChangeVisibleTextEditors(() => this.marks.apply()),
      panel.onDidDispose(() => this.dispose()),
      this.marks,
    );
  }

  /** Shows the panel beside the editor. */
  reveal(): void {
    this.panel.reveal(vscode.ViewColumn.Beside, false);
  }

  /** Moves the playhead to the next time a thread reaches the statement at `position`. */
  nextRun(position: vscode.Position): void {
    this.post({ type: 'nextRun', position: { line: position.line, character: position.character } });
  }

  /** Switches the webview to a mode. */
  setMode(mode: PanelMode): void {
    this.postAfterModel({ type: 'mode', mode });
  }

  /** Replays a schedule (Play counterexample, a finding clicked in the editor). */
  replay(m: Omit<ReplayMessage, 'type'>): void {
    this.postAfterModel({ type: 'replay', ...m });
  }

  /** Lists the last exploration's findings in the webview. */
  setFindings(m: Omit<FindingsMessage, 'type'>): void {
    this.postAfterModel({ type: 'findings', ...m });
  }

  private postAfterModel(m: HostMessage): void {
    if (this.modelPosted) this.post(m);
    else this.waiting.set(m.type, m);
  }

  private async onMessage(m: WebviewMessage): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.ready = true;
        await this.update();
        return;
      case 'reveal': {
        const r = m.range;
        const range = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
        const doc = await vscode.workspace.openTextDocument(this.documentUri);
        const column =
          vscode.window.visibleTextEditors.find((e) => e.document === doc)?.viewColumn ?? vscode.ViewColumn.One;
        const editor = await vscode.window.showTextDocument(doc, { viewColumn: column, preserveFocus: false });
        editor.selection = new vscode.Selection(range.start, range.end);
        editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
        return;
      }
      case 'marks':
        this.marks.set(m.marks);
        return;
      case 'saveReplay':
        await saveReplay(this.documentUri, m.choices);
        return;
    }
  }

  private scheduleUpdate(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.update();
    }, EDIT_DELAY);
  }

  /** Asks the language server for the model and sends it on; a newer request wins. */
  private async update(): Promise<void> {
    if (!this.ready || this.disposed) return;
    const id = ++this.requestId;
    try {
      const doc = await vscode.workspace.openTextDocument(this.documentUri);
      const res = await this.client.sendRequest(ModelRequest, { uri: this.documentUri.toString() });
      if (id !== this.requestId) return;
      if (res.version < doc.version) {
        // The server has not seen the last edit yet: ask again shortly.
        this.scheduleUpdate();
        return;
      }
      this.failures = 0;
      this.post({
        type: 'model',
        uri: res.uri,
        version: res.version,
        fileName: res.fileName,
        model: res.model,
        // Checked where the webview receives it (parseHostMessage), not here as well.
        diagnostics: res.diagnostics,
        markedLines: markedLines(doc.getText()),
        written: res.model ? writtenSettings(parse(doc.getText()).ast) : undefined,
      });
      this.modelPosted = true;
      for (const w of this.waiting.values()) this.post(w);
      this.waiting.clear();
    } catch (e) {
      if (id !== this.requestId) return;
      if (++this.failures <= MAX_RETRIES) {
        this.scheduleUpdate();
        return;
      }
      this.post({
        type: 'error',
        message: `No model for ${fileName(this.documentUri)}: ${e instanceof Error ? e.message : String(e)}`,
      });
    }
  }

  private post(m: HostMessage): void {
    if (!this.disposed) void this.panel.webview.postMessage(m);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.onDisposed(this);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}
