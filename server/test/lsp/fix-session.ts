/** Quick fixes as an editor asks for them: open a text, wait for a code, list and apply actions. */
import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { applyEdits } from './edits';
import type { TestServer } from './harness';

export class FixSession {
  private n = 0;

  constructor(
    private readonly server: () => TestServer,
    private readonly folder: string,
  ) {}

  /** Opens `text` as a new document; resolves once a diagnostic with `code` is published. */
  async diagnose(text: string, code: string): Promise<{ uri: string; diag: Diagnostic }> {
    const uri = `file:///${this.folder}/f${++this.n}.threads`;
    const from = this.server().open(uri, text);
    const ds = await this.server().diagnosticsFor(uri, 1, (d) => d.some((x) => x.code === code), from);
    return { uri, diag: ds.find((d) => d.code === code)! };
  }

  /** The quick fixes offered for `diag`. */
  actions(uri: string, diag: Diagnostic): Promise<CodeAction[]> {
    return this.server().request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diag.range,
      context: { diagnostics: [diag], only: ['quickfix'] },
    });
  }

  /** Applies the action titled like `title`; the new text and its final diagnostics' codes (simulation included). */
  async applyAndRecheck(
    uri: string,
    text: string,
    list: CodeAction[],
    title: RegExp,
  ): Promise<{ action: CodeAction; text: string; codes: string[] }> {
    const server = this.server();
    const action = list.find((a) => title.test(a.title));
    assert.ok(action, `no action ${title} in ${list.map((a) => a.title).join(' | ')}`);
    assert.equal(action.kind, 'quickfix');
    const fixed = applyEdits(text, action.edit!.changes![uri]);
    const v = server.change(uri, fixed);
    await server.outcome(uri, v);
    const ds = await server.diagnosticsFor(uri, v, () => true);
    const last = server.diagnostics.all.filter((p) => p.uri === uri && p.version === v).at(-1);
    server.close(uri);
    return { action, text: fixed, codes: (last ?? { diagnostics: ds }).diagnostics.map((d) => String(d.code)) };
  }
}
