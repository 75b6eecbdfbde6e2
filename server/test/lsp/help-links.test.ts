// Each published diagnostic links its code to its section of the diagnostics reference shipped
// beside the server (codeDescription.href: a file: URL with the heading's line).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { DiagnosticHelp, packagedHelpFile, sectionLines } from '../../src/lsp/diagnostic-help';
import { ROOT, TestServer } from './harness';

const REFERENCE = join(ROOT, 'docs/reference/diagnostics.md');

describe('links from diagnostic codes to the reference', () => {
  it('finds the line of each code heading, not of a heading inside a code block', () => {
    const md = '# D\n\n```md\n### `fake`\n```\n\n### `deadlock`\n\ntext\n### `hang`\n### Not a code\n';
    assert.deepEqual(
      [...sectionLines(md)],
      [
        ['deadlock', 7],
        ['hang', 10],
      ],
    );
  });

  it('links nothing when the reference is missing, and the packaged one sits beside dist/', () => {
    assert.equal(new DiagnosticHelp(join(ROOT, 'no/such/reference.md')).href('deadlock'), undefined);
    assert.equal(packagedHelpFile(join(ROOT, 'dist')), REFERENCE);
    assert.match(
      new DiagnosticHelp(REFERENCE).href('relock') ?? '',
      /^file:\/\/.*\/docs\/reference\/diagnostics\.md#L\d+$/,
    );
  });

  let server: TestServer;
  before(async () => {
    server = await TestServer.start({ init: { simulation: { delay: 10 } } });
  });
  after(async () => {
    await server.stop();
  });

  it('the server sets codeDescription.href to the section of every code it publishes', async () => {
    const uri = 'file:///help/two.threads';
    const text =
      'scenario "two" { cpus 2 }\nprocess p {\n  model one_to_one\n  mutex a\n  mutex b\n  mutex unused\n' +
      '  thread t1 { lock a compute 1 lock b unlock b unlock a }\n' +
      '  thread t2 { lock b compute 1 lock a unlock a unlock b }\n}\n';
    const from = server.open(uri, text);
    const ds = await server.diagnosticsFor(uri, 1, (d) => d.some((x) => x.code === 'deadlock'), from);
    const lines = readFileSync(REFERENCE, 'utf8').split('\n');
    assert.deepEqual([...new Set(ds.map((d) => d.code))].sort(), [
      'deadlock',
      'lock-order-cycle',
      'unused-declaration',
    ]);
    for (const d of ds) {
      const href = d.codeDescription?.href;
      assert.ok(href, `${d.code} has a link`);
      const [file, fragment] = href.split('#');
      assert.equal(fileURLToPath(file), REFERENCE);
      const line = Number(/^L(\d+)$/.exec(fragment)?.[1]);
      assert.equal(lines[line - 1], `### \`${d.code}\``, `${href} opens the section of ${d.code}`);
    }
    server.close(uri);
  });
});
