// In-process tests of the exploration tier's parts: its wording, its merge with the simulation
// tier's diagnostics, its settings, and the worker runner's hard stops (crash, out of memory).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explore, type Finding } from '../../src/explorer';
import { compile } from '../../src/language';
import type { Diagnostic } from '../../src/language/diagnostic';
import { describeSearch, mergeExploration, type SearchState } from '../../src/lsp/exploration-report';
import { runExploration } from '../../src/lsp/exploration-runner';
import { playActions } from '../../src/lsp/play-counterexample';
import { parseSettings } from '../../src/lsp/settings';
import { distFile } from '../support/dist';
import { dining } from './scenarios';

const range = { start: { line: 4, character: 2 }, end: { line: 4, character: 9 } };

function state(over: Partial<SearchState>): SearchState {
  return {
    version: 3,
    findings: [],
    states: 12_345,
    complete: true,
    stoppedBy: null,
    searched: ['deadlock-reachable', 'hang-reachable', 'fault-reachable', 'inversion-reachable'],
    running: false,
    ...over,
  };
}

function finding(code: Finding['code'], time: number | null): Finding {
  return {
    code,
    severity: 'error',
    message: `${code} message`,
    choices: [{ t: 0, kind: 'order', pick: 1 }],
    departures: ['at t=0, b steps first'],
    range,
    time,
    occurrences: 1,
    diagnostic: null,
  };
}

const cycle: Diagnostic = {
  code: 'lock-order-cycle',
  severity: 'warning',
  message: 'lock order cycle: t1 takes b while holding a, t2 takes a while holding b: a potential deadlock',
  range,
  time: null,
  relatedInformation: [],
};

describe('exploration tier parts', () => {
  it('words a proof, an incomplete search, findings and a hard stop', () => {
    assert.equal(
      describeSearch(state({})),
      'no deadlock, hang, fault or unbounded priority inversion in any schedule: 12,345 states',
    );
    assert.equal(
      describeSearch(state({ states: 0, searched: ['deadlock-reachable'] })),
      'no deadlock in any schedule: the default one is the only one',
    );
    assert.equal(
      describeSearch(state({ searched: ['deadlock-reachable'], complete: false, stoppedBy: 'time', states: 5000 })),
      'no deadlock found in 5,000 states (time limit); not a proof',
    );
    assert.equal(
      describeSearch(state({ complete: false, stoppedBy: 'finding', findings: [finding('deadlock-reachable', 12)] })),
      'reachable: deadlock at t=12 (12,345 states searched)',
    );
    assert.equal(
      describeSearch(state({ running: true, findings: [finding('hang-reachable', 31)] })),
      'reachable: hang at t=31 (exploring…)',
    );
    assert.equal(
      describeSearch(state({ states: 0, searched: [], complete: false, stoppedBy: 'time' })),
      'not explored: the default run did not end within the time limit',
    );
    assert.equal(
      describeSearch(state({ stoppedBy: 'stopped', complete: false, stopReason: 'out of memory' })),
      'exploration stopped: out of memory',
    );
  });

  it('merges findings with the simulation tier, never twice, and qualifies lock-order-cycle on a proof', () => {
    const proved = mergeExploration([cycle], state({}));
    assert.equal(proved.length, 1);
    assert.equal(proved[0].severity, 'info');
    assert.match(
      proved[0].message,
      /; but the exploration proved this scenario free of deadlock \(no deadlock in any schedule: 12,345 states\)$/,
    );
    // Not a proof: the search stopped, or deadlock was not searched for (the default run deadlocks).
    assert.equal(mergeExploration([cycle], state({ complete: false, stoppedBy: 'time' }))[0].severity, 'warning');
    assert.equal(mergeExploration([cycle], state({ searched: ['hang-reachable'] }))[0].severity, 'warning');

    const found = mergeExploration([cycle], state({ complete: false, findings: [finding('deadlock-reachable', 5)] }));
    const reachable = found.find((d) => d.code === 'deadlock-reachable');
    assert.deepEqual(reachable?.data, { choices: [{ t: 0, kind: 'order', pick: 1 }], version: 3 });
    assert.equal(found.find((d) => d.code === 'lock-order-cycle')?.severity, 'warning');

    // What the default schedule shows stays the simulation's diagnostic.
    const shown: Diagnostic = { ...cycle, code: 'deadlock', severity: 'error', message: 'deadlock at t=5', time: 5 };
    const merged = mergeExploration([shown], state({ findings: [finding('deadlock-reachable', 5)] }));
    assert.deepEqual(
      merged.map((d) => d.code),
      ['deadlock'],
    );
  });

  it('offers Play counterexample only for well-formed reachable diagnostics', () => {
    const base = {
      range,
      source: 'threadscape',
      code: 'deadlock-reachable',
      message: 'deadlock reachable: …',
      data: { choices: [{ t: 0, kind: 'range', pick: 2 }], version: 4, time: 7 },
    };
    const [a] = playActions('file:///x.threads', [base]);
    assert.equal(a.title, 'Play counterexample: deadlock at t=7');
    assert.deepEqual(a.command?.arguments, [
      {
        uri: 'file:///x.threads',
        version: 4,
        choices: [{ t: 0, kind: 'range', pick: 2 }],
        finding: { code: 'deadlock-reachable', message: 'deadlock reachable: …', time: 7 },
      },
    ]);
    for (const bad of [
      { ...base, code: 'deadlock' },
      { ...base, source: 'other' },
      { ...base, data: { ...base.data, version: 'x' } },
      { ...base, data: { ...base.data, choices: [{ t: 0.5, kind: 'order', pick: 0 }] } },
      { ...base, data: undefined },
    ]) {
      assert.deepEqual(playActions('file:///x.threads', [bad]), []);
    }
  });

  it('reads the exploration settings', () => {
    assert.deepEqual((({ explore, exploreTimeLimit }) => ({ explore, exploreTimeLimit }))(parseSettings({})), {
      explore: true,
      exploreTimeLimit: 2000,
    });
    const s = parseSettings({ exploration: { enabled: false, timeLimit: 5 } });
    assert.equal(s.explore, false);
    assert.equal(s.exploreTimeLimit, 10);
    assert.equal(parseSettings({ exploration: { timeLimit: 'x' } }).exploreTimeLimit, 2000);
  });

  it('posts a finding as soon as it is found, before the search ends', () => {
    const model = compile(dining(5, false)).model;
    assert.ok(model);
    const early: Finding[] = [];
    const result = explore(model, { untilEach: true, onFinding: (f) => early.push(f) });
    assert.deepEqual(
      early.map((f) => f.code),
      ['deadlock-reachable'],
    );
    assert.equal(result.findings[0].code, 'deadlock-reachable');
    assert.ok(result.searched.includes('deadlock-reachable'));
    // The search went on for the other problems after it: the finding was posted mid-search.
    const at = Number(/ searched, (\d+) states?;/.exec(early[0].message)?.[1]);
    assert.ok(at < result.states, `found at ${at} of ${result.states} states`);
  });

  it('turns a crash or an out-of-memory worker into a stop with its reason', async () => {
    const script = distFile('server.js');
    const crash = await runExploration({ text: 'process {', scenarioName: 'x', timeLimit: 1000 }, { script }).done;
    assert.ok(crash && 'stopped' in crash);
    assert.match(crash.stopped, /^the search failed: the scenario does not compile/);
    const oom = await runExploration(
      { text: dining(9, true), scenarioName: 'x', timeLimit: 20_000 },
      { script, heapMiB: 2 },
    ).done;
    assert.ok(oom && 'stopped' in oom);
    assert.equal(oom.stopped, 'out of memory');
    const missing = await runExploration(
      { text: 'process p { }', scenarioName: 'x', timeLimit: 1000 },
      { script: '/nonexistent/server.js' },
    ).done;
    assert.ok(missing && 'stopped' in missing);
    assert.match(missing.stopped, /^the search (worker did not start|failed): /);
    const cancelled = runExploration({ text: dining(9, true), scenarioName: 'x', timeLimit: 20_000 }, { script });
    cancelled.cancel();
    assert.equal(await cancelled.done, null);
  });
});
