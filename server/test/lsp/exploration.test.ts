// The exploration tier over stdio: a deadlock only some schedule reaches, published with its
// chain and Play counterexample; a proof that qualifies the lock-order warning; cancellation by
// an edit; hovers answered while a large scenario is explored; the worker ended with the server;
// the setting that turns the tier off. Every wait is on a message, never on the clock.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import type { CodeAction, CodeLens, Diagnostic } from 'vscode-languageserver-protocol';
import type { PlayCounterexampleArgs } from '../../src/lsp/protocol';
import { dining, ONE_LWP, OPPOSITE } from './scenarios';
import { TestServer } from './harness';

const FAST = { simulation: { delay: 20 } };
const INFORMATION = 3;

function playArgs(command: { command: string; arguments?: unknown[] } | undefined): PlayCounterexampleArgs {
  assert.equal(command?.command, 'threadscape.playCounterexample');
  assert.equal(command.arguments?.length, 1);
  return command.arguments[0] as PlayCounterexampleArgs;
}

/** Rejects when `p` has not settled within `ms` (a bound on a wait, not a wait). */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, rej) => {
    timer = setTimeout(() => rej(new Error(`${what} took more than ${ms} ms`)), ms);
  });
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}

describe('exploration tier', () => {
  it('publishes deadlock-reachable when the default run completes, with its chain and Play counterexample', async () => {
    const server = await TestServer.start({ init: FAST });
    try {
      const uri = 'file:///opposite.threads';
      server.open(uri, OPPOSITE);
      assert.equal((await server.outcome(uri, 1)).outcome, 'completed');
      // Published as soon as found, then once more at the search's end.
      await server.diagnosticsFor(uri, 1, (ds) => ds.some((d) => d.code === 'deadlock-reachable'));
      const report = await server.explored(uri, 1);
      assert.equal(report.findings[0].code, 'deadlock-reachable');
      assert.match(report.text, /^reachable: deadlock at t=\d+ \(\d+ states? searched/);
      const diags = server.diagnostics.all.filter((p) => p.uri === uri && p.version === 1).at(-1)?.diagnostics ?? [];
      const d = diags.find((x) => x.code === 'deadlock-reachable') as Diagnostic;
      assert.equal(d.severity, 1);
      assert.match(
        String(d.message),
        /deadlock reachable: .*t1's compute takes 3.*deadlock at t=\d+: t1 holds a and waits for b/,
      );
      assert.ok((d.relatedInformation?.length ?? 0) > 0, 'the chain of waits is related information');
      assert.ok(!diags.some((x) => x.code === 'deadlock'), 'the default run does not deadlock');
      const data = d.data as { choices: unknown[]; version: number; time: number };
      assert.equal(data.version, 1);

      const actions = await server.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: d.range,
        context: { diagnostics: [d] },
      });
      const play = actions.find((a) => a.command?.command === 'threadscape.playCounterexample');
      const args = playArgs(play?.command);
      assert.deepEqual(args, {
        uri,
        version: 1,
        choices: data.choices,
        finding: { code: 'deadlock-reachable', message: d.message, time: data.time },
      });
      assert.ok(
        args.choices.some((c) => c.kind === 'range' && c.pick === 2),
        'the think time takes 3',
      );

      const lenses = await server.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
      const lens = lenses.find((l) => l.command?.title.startsWith('▶ Play counterexample: deadlock at t='));
      assert.deepEqual(playArgs(lens?.command), args);

      // Malformed data from the client gives no action.
      const bad = { ...d, data: { choices: [{ t: 0, kind: 'order', pick: -1 }], version: 1 } };
      const none = await server.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: d.range,
        context: { diagnostics: [bad] },
      });
      assert.ok(!none.some((a) => a.command?.command === 'threadscape.playCounterexample'));
    } finally {
      assert.equal(await server.stop(), 0);
    }
  });

  it('proves a scenario free of deadlock: the code lens says so and lock-order-cycle drops to information', async () => {
    const server = await TestServer.start({ init: FAST });
    try {
      const uri = 'file:///one-lwp.threads';
      const mark = server.open(uri, ONE_LWP);
      const first = await server.diagnosticsFor(uri, 1, (ds) => ds.some((d) => d.code === 'lock-order-cycle'), mark);
      assert.equal(first.find((d) => d.code === 'lock-order-cycle')?.severity, 2);
      const report = await server.explored(uri, 1);
      assert.equal(report.complete, true);
      assert.deepEqual(report.findings, []);
      assert.match(
        report.text,
        /^no deadlock, hang, fault or unbounded priority inversion in any schedule: \d+ states?$/,
      );
      const diags = await server.diagnosticsFor(
        uri,
        1,
        (ds) => ds.some((d) => d.code === 'lock-order-cycle' && d.severity === INFORMATION),
        mark,
      );
      const cycle = diags.find((d) => d.code === 'lock-order-cycle');
      assert.match(
        String(cycle?.message),
        /lock order cycle: .*; but the exploration proved this scenario free of deadlock/,
      );
      assert.ok(!diags.some((d) => String(d.code).endsWith('-reachable')));
      const lenses = await server.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
      assert.ok(lenses.some((l) => l.command?.title === report.text && l.command.command === ''));
    } finally {
      assert.equal(await server.stop(), 0);
    }
  });

  it('says how far an incomplete search got: not a proof', async () => {
    const server = await TestServer.start({ init: { ...FAST, exploration: { timeLimit: 300 } } });
    try {
      const uri = 'file:///ordered9.threads';
      server.open(uri, dining(9, true));
      const report = await server.explored(uri, 1);
      assert.equal(report.complete, false);
      assert.equal(report.stoppedBy, 'time');
      assert.match(
        report.text,
        /^no deadlock, hang, fault or unbounded priority inversion found in [\d,]+ states \(time limit\); not a proof$/,
      );
    } finally {
      assert.equal(await server.stop(), 0);
    }
  });

  it('an edit cancels the running exploration: nothing is published for the old version', async () => {
    const server = await TestServer.start({ init: { ...FAST, exploration: { timeLimit: 1500 } } });
    try {
      const uri = 'file:///cancel.threads';
      const text = dining(9, true);
      const mark = server.open(uri, text);
      await server.outcome(uri, 1);
      // Version 1's search is running (for 1.5 s); version 2 deadlocks in some schedule.
      const v2 = server.change(uri, dining(5, false));
      const diags = await server.diagnosticsFor(uri, v2, (ds) => ds.some((d) => d.code === 'deadlock-reachable'), mark);
      assert.ok(diags.length > 0);
      const report = await server.explored(uri, v2);
      assert.equal(report.findings[0]?.code, 'deadlock-reachable');
      // Version 2 went through its debounce, simulation and search; then a third version's
      // search, started after, ends past the moment version 1's would have.
      const v3 = server.change(uri, text);
      await server.explored(uri, v3);
      assert.deepEqual(
        server.explorations.all.filter((p) => p.uri === uri && p.version === 1),
        [],
      );
      const published = server.diagnostics.all.slice(mark).filter((p) => p.uri === uri && p.version === 1);
      assert.ok(published.every((p) => !p.diagnostics.some((d) => String(d.code).endsWith('-reachable'))));
    } finally {
      assert.equal(await server.stop(), 0);
    }
  });

  it('answers a hover within 1 s while a large scenario is explored', async () => {
    const server = await TestServer.start({ init: { ...FAST, exploration: { timeLimit: 30_000 } } });
    try {
      const uri = 'file:///large.threads';
      server.open(uri, dining(9, true));
      await server.outcome(uri, 1);
      // The exploration starts as the outcome is reported.
      for (let k = 0; k < 5; k++) {
        const hover = await within(
          server.request<{ contents: unknown } | null>('textDocument/hover', {
            textDocument: { uri },
            position: { line: 4, character: 12 },
          }),
          1000,
          'a hover during the exploration',
        );
        assert.ok(hover !== null);
      }
      assert.deepEqual(
        server.explorations.all.filter((p) => p.uri === uri),
        [],
        'the exploration was still running',
      );
    } finally {
      assert.equal(await within(server.stop(), 5000, 'the server exit during an exploration'), 0);
    }
  });

  it('the worker does not outlive the server: exit during an exploration ends the process', async () => {
    const server = await TestServer.start({ init: { ...FAST, exploration: { timeLimit: 60_000 } } });
    try {
      const uri = 'file:///long.threads';
      server.open(uri, dining(9, true));
      await server.outcome(uri, 1);
      await server.conn.sendNotification('exit');
      const code = await within(
        new Promise<number | null>((res) =>
          server.child.exitCode !== null ? res(server.child.exitCode) : server.child.once('exit', res),
        ),
        5000,
        'the server exit',
      );
      // `exit` without `shutdown` ends with 1, as the protocol says.
      assert.equal(code, 1);
    } finally {
      server.kill();
    }
  });

  it('the worker does not outlive the server: its parent process dying during an exploration ends it', async () => {
    // A stand-in for the editor: the server watches the processId given at initialize.
    const parent = spawn(process.execPath, ['-e', 'setInterval(() => undefined, 1e6)'], { stdio: 'ignore' });
    const server = await TestServer.start({ uninitialized: true });
    try {
      await server.conn.sendRequest('initialize', {
        processId: parent.pid,
        rootUri: null,
        capabilities: {},
        initializationOptions: { ...FAST, exploration: { timeLimit: 60_000 } },
      });
      await server.conn.sendNotification('initialized', {});
      const uri = 'file:///orphan.threads';
      server.open(uri, dining(9, true));
      await server.outcome(uri, 1);
      const exited = new Promise<number | null>((res) =>
        server.child.exitCode !== null ? res(server.child.exitCode) : server.child.once('exit', res),
      );
      parent.kill();
      // The server checks its parent every 3 s.
      assert.equal(typeof (await within(exited, 8000, 'the server exit after its parent')), 'number');
      assert.deepEqual(server.explorations.all, [], 'it ended during the exploration');
    } finally {
      parent.kill();
      server.kill();
    }
  });

  it('publishes nothing of the tier when threadscape.exploration.enabled is false', async () => {
    const server = await TestServer.start({ init: { ...FAST, exploration: { enabled: false } } });
    try {
      const uri = 'file:///off.threads';
      const mark = server.open(uri, OPPOSITE);
      await server.outcome(uri, 1);
      // A second document's whole round (debounce, simulation) comes after the first one's
      // search would have ended (a few states, done well within the debounce).
      const other = 'file:///other.threads';
      server.open(other, dining(5, false));
      await server.outcome(other, 1);
      assert.deepEqual(server.explorations.all, []);
      const published = server.diagnostics.all.slice(mark);
      assert.ok(published.every((p) => !p.diagnostics.some((d) => String(d.code).endsWith('-reachable'))));
      // Turned on, the same version is explored.
      await server.conn.sendNotification('workspace/didChangeConfiguration', {
        settings: { threadscape: { exploration: { enabled: true } } },
      });
      assert.equal((await server.explored(uri, 1)).findings[0]?.code, 'deadlock-reachable');
    } finally {
      assert.equal(await server.stop(), 0);
    }
  });
});
