/**
 * The first hour as the manifest promises it: the walkthrough's steps, their media, the command
 * links and completion events they use, and what "Open Sample…" shows of each shipped sample.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  DEADLOCK_FIXED_CONTEXT,
  DIAGNOSTIC_SEEN_CONTEXT,
  NEW_SCENARIO_COMMAND,
  OPEN_REFERENCE_COMMAND,
  OPEN_SAMPLE_COMMAND,
  REFERENCES,
} from '../../src/authoring/ids';
import { copyName, sampleItem } from '../../src/authoring/sample-info';

const root = resolve(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const contributed = new Set<string>(manifest.contributes.commands.map((c: { command: string }) => c.command));
/** Built-in commands the walkthrough may name. */
const BUILT_IN = new Set(['workbench.actions.view.problems']);

interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string; image?: string; altText?: string };
  completionEvents: string[];
}
const steps: Step[] = manifest.contributes.walkthroughs[0].steps;

test('the walkthrough goes: open a sample, see a diagnostic, simulate, fix the deadlock, explore', () => {
  assert.deepEqual(
    steps.map((s) => s.id),
    ['openSample', 'seeDiagnostic', 'simulate', 'fixDeadlock', 'explore'],
  );
  for (const id of [OPEN_SAMPLE_COMMAND, NEW_SCENARIO_COMMAND, OPEN_REFERENCE_COMMAND, 'threadscape.simulate'])
    assert.ok(contributed.has(id), `${id} is contributed`);
});

test('every step has its media in the package, and images carry a text alternative', () => {
  for (const s of steps) {
    const file = s.media.markdown ?? s.media.image;
    assert.ok(file && existsSync(join(root, file)), `${s.id}: ${file}`);
    if (s.media.image) {
      assert.ok(s.media.altText && s.media.altText.length > 20, `${s.id} has alt text`);
      assert.ok(statSync(join(root, s.media.image)).size < 400 * 1024, `${s.media.image} is small`);
    }
  }
});

test('every command link and completion event names a command or context that exists', () => {
  const samples = readdirSync(join(root, 'samples'));
  for (const s of steps) {
    for (const m of s.description.matchAll(/\(command:([\w.]+)(?:\?([^)]*))?\)/g)) {
      const [, id, query] = m;
      assert.ok(contributed.has(id) || BUILT_IN.has(id), `${s.id}: command ${id}`);
      if (!query) continue;
      const args: unknown = JSON.parse(decodeURIComponent(query));
      assert.ok(Array.isArray(args), `${s.id}: ${id} takes an array of arguments`);
      if (id === OPEN_SAMPLE_COMMAND) assert.ok(samples.includes(String(args[0])), `${s.id}: sample ${args[0]}`);
      if (id === OPEN_REFERENCE_COMMAND) assert.ok(String(args[0]) in REFERENCES, `${s.id}: reference ${args[0]}`);
    }
    assert.ok(s.completionEvents.length > 0, `${s.id} completes`);
    for (const e of s.completionEvents) {
      const [kind, what] = e.split(':');
      if (kind === 'onCommand') assert.ok(contributed.has(what) || BUILT_IN.has(what), `${s.id}: ${e}`);
      else if (kind === 'onContext')
        assert.ok([DEADLOCK_FIXED_CONTEXT, DIAGNOSTIC_SEEN_CONTEXT].includes(what), `${s.id}: ${e}`);
      else assert.equal(kind, 'onView', `${s.id}: ${e}`);
    }
  }
  for (const page of Object.keys(REFERENCES)) assert.ok(existsSync(join(root, 'docs/reference', `${page}.md`)), page);
});

test('Open Sample shows each shipped sample by its title, file name and opening idea', () => {
  const files = readdirSync(join(root, 'samples')).filter((f) => f.endsWith('.threads'));
  assert.ok(files.length >= 10);
  for (const f of files) {
    const item = sampleItem(f, readFileSync(join(root, 'samples', f), 'utf8'));
    assert.equal(item.description, f);
    assert.ok(item.label.length > 3 && !item.label.includes('"'), `${f}: ${item.label}`);
    assert.ok(
      /[.…]$/.test(item.detail) && item.detail.length > 15 && item.detail.length <= 160,
      `${f}: ${item.detail}`,
    );
  }
  const dining = sampleItem(
    'dining-philosophers.threads',
    readFileSync(join(root, 'samples/dining-philosophers.threads'), 'utf8'),
  );
  assert.equal(dining.label, 'Dining philosophers');
  assert.equal(dining.detail, 'Five threads, five forks, each takes its left fork, then its right.');
  assert.equal(sampleItem('x.threads', 'process p { thread t { compute 1 } }').label, 'x');
  assert.equal(sampleItem('t.threads', 'scenario "a \\"quoted\\" title" {}').label, 'a "quoted" title');
});

test('an untitled copy takes a free name', () => {
  assert.equal(copyName('a.threads', new Set()), 'a.threads');
  assert.equal(copyName('a.threads', new Set(['a.threads'])), 'a-2.threads');
  assert.equal(copyName('a.threads', new Set(['a.threads', 'a-2.threads'])), 'a-3.threads');
});
