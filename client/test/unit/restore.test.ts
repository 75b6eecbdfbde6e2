import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isRestorableUri } from '../../src/panel/restore';

test('a saved panel reopens a .threads file or an open untitled Threadscape document, nothing else', () => {
  const open = new Set(['untitled:Untitled-1']);
  for (const uri of [
    'file:///home/me/dining.threads',
    'file:///C%3A/work/a%20b.THREADS',
    'vscode-remote://ssh-remote%2Bbox/home/me/x.threads',
    'untitled:Untitled-1',
  ])
    assert.equal(isRestorableUri(uri, open), true, uri);
  for (const uri of [
    'file:///etc/passwd',
    'file:///home/me/x.threads.js',
    'untitled:Untitled-2',
    'https://example.com/x.threads',
    'command:workbench.action.terminal.new?x.threads',
    'vscode-userdata:/settings.threads',
    'x.threads',
    '',
    'file:///a.threads\u0000.js',
  ])
    assert.equal(isRestorableUri(uri, open), false, uri);
});
