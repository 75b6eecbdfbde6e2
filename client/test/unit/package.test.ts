/**
 * The extension's package: what `vsce` would ship (.vscodeignore) and the manifest's promises
 * (the VS Code it needs, the language, the command, the CLI).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const minor = (range: string) => Number(/1\.(\d+)/.exec(range)?.[1]);

test('the package ships the bundles, grammar, samples, README, changelog and licence, nothing else', () => {
  const out = execFileSync(process.execPath, [join(root, 'node_modules/@vscode/vsce/vsce'), 'ls'], {
    cwd: root,
    encoding: 'utf8',
  });
  const files = out.split('\n').filter(Boolean);
  const allowed = [
    /^dist\/[\w.-]+$/,
    /^syntaxes\/[\w.-]+\.json$/,
    /^samples\/[\w-]+\.threads$/,
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
