import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type {
  DocumentSymbol,
  Hover,
  Location,
  MarkupContent,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { applyEdits } from './edits';
import { TestServer } from './harness';
import { mark } from '../support/markers';

// ‸ positions: 0 mutex decl, 1 lock ref, 2 thread decl, 3 join ref, 4 keyword `lock`,
// 5 keyword `model`, 6 fork array ref, 7 process name, 8 a comment, 9 condvar ref.
const FIXTURE = `scenario "Navigation" {
  cpus 2
}

process ⟦p‸7⟧ {
  mo‸5del many_to_many
  mutex ⟦b‸0us⟧ block
  mutex ⟦fork⟧[2]
  condvar ⟦ready⟧
  // lock ‸8in a comment

  thread ⟦wor‸2ker⟧ priority 4 {
    l‸4ock ⟦bus⟧
    wait ⟦rea‸9dy⟧ ⟦bus⟧
    unlock ⟦bus⟧
  }
  thread phil[2] {
    lock ⟦fo‸6rk⟧[i]
    lock ⟦fork⟧[i+1]
    unlock ⟦fork⟧[i+1]
    unlock ⟦fork⟧[i]
  }
  thread boss priority 1 {
    lock ⟦b‸1us⟧
    signal ⟦ready⟧
    unlock ⟦bus⟧
    join ⟦work‸3er⟧
  }
}
`;

describe('navigation and help', () => {
  let server: TestServer;
  const uri = 'file:///nav/navigation.threads';
  const { text, positions: p, ranges: r } = mark(FIXTURE);
  // Ranges in order: 0 p, 1 bus decl, 2 fork decl, 3 ready decl, 4 worker decl, 5-7 bus refs in worker,
  // (6 is ready ref), 8.. fork refs, then boss's refs.
  const busDecl = r[1];
  const forkDecl = r[2];
  const readyDecl = r[3];
  const workerDecl = r[4];
  before(async () => {
    server = await TestServer.start({ init: { simulation: { delay: 10 } } });
    const from = server.open(uri, text);
    await server.diagnosticsFor(uri, 1, () => true, from);
    await server.outcome(uri, 1);
  });
  after(async () => {
    await server.stop();
  });

  const at = (i: number) => ({ textDocument: { uri }, position: p[i] });
  const hoverText = async (i: number): Promise<string> => {
    const h = await server.request<Hover | null>('textDocument/hover', at(i));
    return h ? (h.contents as MarkupContent).value : '';
  };

  it('goes to the definition from a reference and from a declaration', async () => {
    const fromRef = await server.request<Location>('textDocument/definition', at(1));
    assert.deepEqual(fromRef.range, busDecl);
    const fromJoin = await server.request<Location>('textDocument/definition', at(3));
    assert.deepEqual(fromJoin.range, workerDecl);
    const fromArray = await server.request<Location>('textDocument/definition', at(6));
    assert.deepEqual(fromArray.range, forkDecl);
    const fromDecl = await server.request<Location>('textDocument/definition', at(0));
    assert.deepEqual(fromDecl.range, busDecl);
    assert.equal(await server.request('textDocument/definition', at(8)), null);
  });

  it('finds every reference, with or without the declaration', async () => {
    const refs = await server.request<Location[]>('textDocument/references', {
      ...at(0),
      context: { includeDeclaration: true },
    });
    const ranges = refs.map((l) => l.range);
    assert.equal(refs.length, 6); // declaration + 5 uses
    assert.deepEqual(ranges[0], busDecl);
    for (const x of ranges)
      assert.equal(text.split('\n')[x.start.line].slice(x.start.character, x.end.character), 'bus');
    const noDecl = await server.request<Location[]>('textDocument/references', {
      ...at(1),
      context: { includeDeclaration: false },
    });
    assert.equal(noDecl.length, 5);
    const forks = await server.request<Location[]>('textDocument/references', {
      ...at(6),
      context: { includeDeclaration: false },
    });
    assert.equal(forks.length, 4);
  });

  it('explains keywords on hover, with their default', async () => {
    assert.match(await hoverText(4), /mutex/i);
    const model = await hoverText(5);
    assert.match(model, /many_to_many/);
    assert.match(model, /Default/);
    assert.equal(await hoverText(8), '');
  });

  it("shows a thread's metrics from the last simulation", async () => {
    const h = await hoverText(2);
    assert.match(h, /thread worker/);
    assert.match(h, /priority 4/);
    assert.match(h, /Last simulation: completed/);
    assert.match(h, /\| worker \| exited \|/);
  });

  it("a thread's hover gives its priority in the library and its KLT's, and how long it has been blocked", async () => {
    const vis = `scenario "v" { cpus 3 }
process app {
  model many_to_many
  lwps 2
  mutex m inherit
  thread low priority 1 { lock m compute 4 unlock m }
  thread high priority 10 bound at 1 { lock m compute 1 unlock m }
}
process other { model one_to_one thread medium priority 5 at 2 { compute 10 } }
process table {
  model one_to_one
  mutex a
  mutex b
  thread x { lock a compute 1 lock b unlock b unlock a }
  thread y { lock b compute 1 lock a unlock a unlock b }
}
`;
    const u = 'file:///nav/visibility.threads';
    const from = server.open(u, vis);
    await server.diagnosticsFor(u, 1, () => true, from);
    await server.outcome(u, 1);
    const hoverOn = async (name: string): Promise<string> => {
      const offset = vis.indexOf(`thread ${name} `) + 'thread '.length + 1;
      const before = vis.slice(0, offset);
      const position = { line: before.split('\n').length - 1, character: offset - before.lastIndexOf('\n') - 1 };
      const h = await server.request<Hover | null>('textDocument/hover', { textDocument: { uri: u }, position });
      return h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
    };
    const low = await hoverOn('low');
    assert.match(low, /pool LWP that the kernel runs at process `app`'s priority 0/);
    assert.match(low, /effective priority up to 10 in the library \(raised from 1\); its KLT ran at 0 all along/);
    const high = await hoverOn('high');
    assert.match(high, /Its KLT runs at its effective priority/);
    const x = await hoverOn('x');
    assert.match(x, /Last simulation: deadlock at t=1/);
    assert.match(x, /`x`: blocked since t=1, \d+ ticks? until the run ended at t=\d+/);
    server.close(u);
  });

  it("shows a mutex's protocol and users, a process's model", async () => {
    const h = await hoverText(1);
    assert.match(h, /block mutex/);
    assert.match(h, /no priority protocol/);
    assert.match(h, /`worker`/);
    assert.match(h, /`boss`/);
    assert.match(await hoverText(7), /many_to_many/);
    assert.match(await hoverText(9), /condvar ready/);
  });

  it('lists hierarchical document symbols', async () => {
    const syms = await server.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(
      syms.map((s) => s.name),
      ['Navigation', 'p'],
    );
    const children = syms[1].children!.map((c) => c.name);
    assert.deepEqual(children, ['bus', 'fork[2]', 'ready', 'worker', 'phil[2]', 'boss']);
    assert.deepEqual(syms[1].selectionRange, r[0]);
  });

  it('renames a mutex everywhere, an array by its name only', async () => {
    const edit = await server.request<WorkspaceEdit>('textDocument/rename', { ...at(1), newName: 'channel' });
    const edits = edit.changes![uri];
    assert.equal(edits.length, 6);
    assert.ok(edits.every((e) => e.newText === 'channel'));
    assert.deepEqual(edits[0].range, busDecl);
    const forks = await server.request<WorkspaceEdit>('textDocument/rename', { ...at(6), newName: 'chopstick' });
    assert.equal(forks.changes![uri].length, 5);
    for (const e of forks.changes![uri]) {
      assert.equal(text.split('\n')[e.range.start.line].slice(e.range.start.character, e.range.end.character), 'fork');
    }
    const prep = await server.request<{ range: unknown; placeholder: string }>('textDocument/prepareRename', at(3));
    assert.equal(prep.placeholder, 'worker');
    assert.equal(await server.request('textDocument/prepareRename', at(4)), null);
    const cond = await server.request<WorkspaceEdit>('textDocument/rename', { ...at(9), newName: 'go' });
    assert.deepEqual(cond.changes![uri][0].range, readyDecl);
  });

  it('refuses invalid new names with a ResponseError', async () => {
    for (const [newName, why] of [
      ['2bus', /not an identifier/],
      ['my-bus', /not an identifier/],
      ['lock', /keyword/],
      ['ready', /already declared/],
      ['boss', /already declared/],
    ] as const) {
      await assert.rejects(server.request('textDocument/rename', { ...at(0), newName }), (e: Error) => {
        assert.match(e.message, why);
        return true;
      });
    }
  });

  it('offers a Simulate lens on the scenario', async () => {
    const lenses = await server.request<
      { range: { start: { line: number } }; command: { command: string; arguments: unknown[]; title: string } }[]
    >('textDocument/codeLens', { textDocument: { uri } });
    assert.equal(lenses.length, 1);
    assert.equal(lenses[0].range.start.line, 0);
    assert.equal(lenses[0].command.command, 'threadscape.simulate');
    assert.deepEqual(lenses[0].command.arguments, [uri]);
    assert.match(lenses[0].command.title, /Simulate/);
  });

  it('gives semantic tokens for names, by kind, with declarations marked', async () => {
    const init = await server.request<{ data: number[] }>('textDocument/semanticTokens/full', {
      textDocument: { uri },
    });
    const lines = text.split('\n');
    const tokens: { text: string; type: number; mods: number }[] = [];
    let line = 0;
    let ch = 0;
    for (let k = 0; k < init.data.length; k += 5) {
      const [dl, dc, len, type, mods] = init.data.slice(k, k + 5);
      line += dl;
      ch = dl ? dc : ch + dc;
      tokens.push({ text: lines[line].slice(ch, ch + len), type, mods });
    }
    // Legend: namespace, function, variable, event, parameter; modifier 0: declaration.
    assert.deepEqual(tokens[0], { text: 'p', type: 0, mods: 1 });
    assert.deepEqual(
      tokens.find((t) => t.text === 'worker'),
      { text: 'worker', type: 1, mods: 1 },
    );
    assert.deepEqual(
      tokens.filter((t) => t.text === 'bus').map((t) => [t.type, t.mods]),
      [
        [2, 1],
        [2, 0],
        [2, 0],
        [2, 0],
        [2, 0],
        [2, 0],
      ],
    );
    assert.equal(
      tokens.filter((t) => t.text === 'ready').every((t) => t.type === 3),
      true,
    );
    assert.equal(tokens.filter((t) => t.text === 'i' && t.type === 4).length, 4);
  });

  it('formats by re-indenting blocks, leaving comments and lines with several statements alone', async () => {
    const messy =
      'process q {\n      mutex m   \n thread t {\nlock m compute 1 unlock m\n  /* a\n      comment */\n\t}\n   }\n';
    const u = 'file:///nav/messy.threads';
    server.open(u, messy);
    const edits = await server.request<TextEdit[]>('textDocument/formatting', {
      textDocument: { uri: u },
      options: { tabSize: 2, insertSpaces: true },
    });
    assert.equal(
      applyEdits(messy, edits),
      'process q {\n  mutex m\n  thread t {\n    lock m compute 1 unlock m\n    /* a\n      comment */\n  }\n}\n',
    );
    server.close(u);
  });

  it('puts the lens on the first process without a scenario; answers a model of null for broken text', async () => {
    const u = 'file:///nav/no-scenario.threads';
    const from = server.open(u, '// intro\nprocess q {\n  thread t { lock nothing }\n}\n');
    await server.diagnosticsFor(u, 1, () => true, from);
    const lenses = await server.request<{ range: { start: { line: number; character: number } } }[]>(
      'textDocument/codeLens',
      {
        textDocument: { uri: u },
      },
    );
    assert.deepEqual(
      lenses.map((l) => l.range.start),
      [{ line: 1, character: 0 }],
    );
    const m = await server.request<{ model: unknown; diagnostics: { code: string }[] }>('threadscape/model', {
      uri: u,
    });
    assert.equal(m.model, null);
    assert.ok(m.diagnostics.some((d) => d.code === 'unknown-name'));
    server.close(u);
  });

  it('answers threadscape/model with the latest version', async () => {
    const m = await server.request<{
      version: number;
      fileName: string;
      model: { processes: { name: string }[] } | null;
    }>('threadscape/model', { uri });
    assert.equal(m.version, 1);
    assert.equal(m.fileName, 'navigation.threads');
    assert.deepEqual(
      m.model!.processes.map((x) => x.name),
      ['p'],
    );
    await assert.rejects(server.request('threadscape/model', { uri: 'file:///not-open.threads' }));
  });
});
