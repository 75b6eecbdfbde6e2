/**
 * A real client for the language server: spawns `node dist/server.js --stdio` and speaks
 * JSON-RPC to it over the child's stdio. Diagnostics and outcome notifications are recorded
 * and awaited (never slept on).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type { Diagnostic as LspDiagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import type { ExplorationParams, OutcomeParams } from '../../src/lsp/protocol';
import { distFile, ROOT } from '../support/dist';

export { ROOT };
const SERVER = distFile('server.js');

type Waiter<T> = { test: (v: T) => boolean; resolve: (v: T) => void };

/** Recorded notifications of one kind, with waiters. */
class Feed<T> {
  readonly all: T[] = [];
  private waiters: Waiter<T>[] = [];
  push(v: T): void {
    this.all.push(v);
    this.waiters = this.waiters.filter((w) => {
      if (!w.test(v)) return true;
      w.resolve(v);
      return false;
    });
  }
  /** The first recorded value (from `from` on) passing `test`, or the next one to arrive. */
  next(test: (v: T) => boolean, from = 0, timeoutMs = 20_000, what = 'notification'): Promise<T> {
    const found = this.all.slice(from).find(test);
    if (found) return Promise.resolve(found);
    return new Promise<T>((res, rej) => {
      const timer = setTimeout(() => rej(new Error(`timed out waiting for ${what}`)), timeoutMs);
      this.waiters.push({ test, resolve: (v) => (clearTimeout(timer), res(v)) });
    });
  }
}

export interface ServerOptions {
  /** `initializationOptions` (e.g. `{ simulation: { delay: 20 } }`). */
  init?: unknown;
  env?: NodeJS.ProcessEnv;
  execArgv?: string[];
  args?: string[];
  /** Leave the server uninitialized (the test sends `initialize` itself, or not at all). */
  uninitialized?: boolean;
}

/** A running server and its client side. */
export class TestServer {
  readonly diagnostics = new Feed<PublishDiagnosticsParams>();
  readonly outcomes = new Feed<OutcomeParams>();
  readonly explorations = new Feed<ExplorationParams>();
  readonly logs: string[] = [];
  private versions = new Map<string, number>();
  private exitCode: Promise<number | null>;

  private constructor(
    readonly child: ChildProcess,
    readonly conn: MessageConnection,
  ) {
    this.exitCode = new Promise((res) => child.once('exit', (code) => res(code)));
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => this.diagnostics.push(p));
    conn.onNotification('threadscape/outcome', (p: OutcomeParams) => this.outcomes.push(p));
    conn.onNotification('threadscape/exploration', (p: ExplorationParams) => this.explorations.push(p));
    conn.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
    });
    conn.listen();
  }

  /** Spawns and initializes a server. */
  static async start(options: ServerOptions = {}): Promise<TestServer> {
    const child = spawn(process.execPath, [...(options.execArgv ?? []), SERVER, '--stdio', ...(options.args ?? [])], {
      cwd: ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stderr?.on('data', (d: Buffer) => process.stderr.write(d));
    const conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const s = new TestServer(child, conn);
    if (!options.uninitialized) await s.initialize(options.init);
    return s;
  }

  /** Sends `initialize` and `initialized`. */
  async initialize(init: unknown = {}): Promise<void> {
    await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {},
      initializationOptions: init,
    });
    await this.conn.sendNotification('initialized', {});
  }

  /**
   * Writes notifications to the server's input in one write, as one burst (the way a client's
   * buffered writes arrive together).
   */
  burst(messages: { method: string; params: unknown }[]): void {
    const frames = messages.map((m) => {
      const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', method: m.method, params: m.params }), 'utf8');
      return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
    });
    this.child.stdin!.write(Buffer.concat(frames));
  }

  /** Opens a document; returns the index in the diagnostics feed from which to wait. */
  open(uri: string, text: string, version = 1): number {
    const mark = this.diagnostics.all.length;
    this.versions.set(uri, version);
    void this.conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'threadscape', version, text },
    });
    return mark;
  }

  /** Replaces the whole text (a full-document change); returns the new version. */
  change(uri: string, text: string): number {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    void this.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
    return version;
  }

  /** An incremental change of one range; returns the new version. */
  edit(
    uri: string,
    range: { start: { line: number; character: number }; end: { line: number; character: number } },
    text: string,
  ): number {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    void this.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range, text }],
    });
    return version;
  }

  close(uri: string): void {
    this.versions.delete(uri);
    void this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** The next diagnostics of `uri` for `version` that pass `test`. */
  diagnosticsFor(
    uri: string,
    version: number,
    test: (d: LspDiagnostic[]) => boolean = () => true,
    from = 0,
  ): Promise<LspDiagnostic[]> {
    return this.diagnostics
      .next(
        (p) => p.uri === uri && p.version === version && test(p.diagnostics),
        from,
        20_000,
        `diagnostics of ${uri} v${version}`,
      )
      .then((p) => p.diagnostics);
  }

  /** The outcome report of `uri` at `version`. */
  outcome(uri: string, version: number): Promise<OutcomeParams> {
    return this.outcomes.next(
      (o) => o.uri === uri && o.version === version,
      0,
      20_000,
      `outcome of ${uri} v${version}`,
    );
  }

  /** The last exploration report of `uri` at `version` (not a `running` one). */
  explored(uri: string, version: number, timeoutMs = 20_000): Promise<ExplorationParams> {
    return this.explorations.next(
      (o) => o.uri === uri && o.version === version && !o.running,
      0,
      timeoutMs,
      `exploration of ${uri} v${version}`,
    );
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest(method, params) as Promise<R>;
  }

  /** shutdown + exit; resolves to the process's exit code. */
  async stop(): Promise<number | null> {
    await this.conn.sendRequest('shutdown');
    await this.conn.sendNotification('exit');
    const code = await this.exitCode;
    this.conn.dispose();
    return code;
  }

  /** Kills the process if a test failed before `stop`. */
  kill(): void {
    if (this.child.exitCode === null) this.child.kill();
    this.conn.dispose();
  }
}
