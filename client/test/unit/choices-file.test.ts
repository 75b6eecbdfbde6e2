import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseChoicesFile } from '@server/explorer/replay';
import { choicesFileText, defaultChoicesName } from '../../src/panel/choices-file';

test('a saved replay is the choices file run --replay takes, one choice a line', () => {
  const choices = [
    { t: 0, kind: 'order' as const, pick: 2 },
    { t: 12, kind: 'range' as const, pick: 0 },
  ];
  const text = choicesFileText(choices);
  assert.deepEqual(parseChoicesFile(JSON.parse(text)), { version: 2, choices });
  assert.equal(text.split('\n').filter((l) => l.includes('"pick"')).length, 2);
  assert.deepEqual(parseChoicesFile(JSON.parse(choicesFileText([]))), { version: 2, choices: [] });
});

test('the file name offered follows the scenario', () => {
  assert.equal(defaultChoicesName('/work/dining.threads'), 'dining.choices.json');
  assert.equal(defaultChoicesName('Untitled-1'), 'Untitled-1.choices.json');
  assert.equal(defaultChoicesName(''), 'scenario.choices.json');
});
