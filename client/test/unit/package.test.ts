/**
 * The extension's package: what `vsce` would ship (.vscodeignore) and the manifest's promises
 * (the VS Code it needs, the language, the command, the CLI).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const minor = (range: string) => Number(/1\.(\d+)/.exec(range)?.[1]);

test('the package ships the bundles, grammar, samples, reference, README, changelog and licence, nothing else', () => {
  const out = execFileSync(process.execPath, [join(root, 'node_modules/@vscode/vsce/vsce'), 'ls'], {
    cwd: root,
    encoding: 'utf8',
  });
  const files = out.split('\n').filter(Boolean);
  const allowed = [
    /^dist\/[\w.-]+$/,
    /^syntaxes\/[\w.-]+\.json$/,
    /^samples\/[\w-]+\.threads$/,
    /^docs\/reference\/[\w-]+\.md$/,
    /^media\/(walkthrough\/)?[\w-]+\.(md|png)$/,
    /^(package\.json|language-configuration\.json|README\.md|CHANGELOG\.md|LICENSE|icon\.png)$/,
  ];
  const stray = files.filter((f) => !allowed.some((re) => re.test(f)));
  assert.deepEqual(stray, [], 'only what users need is shipped');
  for (const f of [
    'dist/extension.js',
    'dist/server.js',
    'dist/cli.js',
    'dist/webview.js',
    'syntaxes/threadscape.tmLanguage.json',
    'language-configuration.json',
    'docs/reference/diagnostics.md',
  ]) {
    assert.ok(files.includes(f), `${f} is shipped`);
  }
});

test('the manifest fits the VS Code the tests run (1.139) and its own API types', () => {
  assert.ok(minor(manifest.engines.vscode) <= 139, `engines.vscode ${manifest.engines.vscode}`);
  assert.ok(
    minor(manifest.devDependencies['@types/vscode']) <= minor(manifest.engines.vscode),
    '@types/vscode is not newer than engines.vscode',
  );
  assert.equal(manifest.main, './dist/extension.js');
  assert.equal(manifest.bin.threadscape, 'dist/cli.js');
  assert.ok(manifest.activationEvents.includes('onLanguage:threadscape'));
  assert.deepEqual(manifest.contributes.languages[0].extensions, ['.threads']);
  assert.ok(
    manifest.contributes.commands.some(
      (c: { command: string; category?: string }) =>
        c.command === 'threadscape.simulate' && c.category === 'Threadscape',
    ),
  );
});

/** The names of the entries of a zip file, read from its central directory. */
function zipEntries(zip: Buffer): string[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'a zip file');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let k = 0; k < count; k++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, 'a central directory entry');
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extra;
  }
  return names;
}

test('the .vsix is a production build under 1 MB, with no source map', () => {
  const dir = mkdtempSync(join(tmpdir(), 'threadscape-vsix-'));
  const out = execFileSync(process.execPath, [join(root, 'scripts/package.mjs'), '--staged', dir], {
    cwd: root,
    encoding: 'utf8',
  });
  const line = out.trim().split('\n').pop() ?? '';
  const m = /^(.+\.vsix): [\d.]+ KB \((\d+) bytes\), (\d+) files$/.exec(line);
  assert.ok(m, `package.mjs prints the size: ${line}`);
  const vsix = readFileSync(m[1]);
  assert.equal(vsix.length, Number(m[2]));
  assert.ok(vsix.length < 1024 * 1024, `the .vsix is ${vsix.length} bytes`);
  const names = zipEntries(vsix);
  assert.deepEqual(
    names.filter((n) => n.endsWith('.map')),
    [],
    'no source map is shipped',
  );
  for (const f of ['dist/extension.js', 'dist/server.js', 'dist/cli.js', 'dist/webview.js'])
    assert.ok(names.includes(`extension/${f}`), `${f} is in the .vsix`);
});
