/**
 * The choices file that `threadscape run FILE --replay CHOICES.json` takes (docs/reference/cli.md), as the panel
 * saves it: one choice a line. Pure, so it is unit-tested (parseChoicesFile reads it back).
 */
import type { ChoiceRecord } from '@server/explorer/unit-tree';

/** `{ "version": 2, "choices": [...] }`, one choice a line. */
export function choicesFileText(choices: readonly ChoiceRecord[]): string {
  const rows = choices.map((c) => `    { "t": ${c.t}, "kind": ${JSON.stringify(c.kind)}, "pick": ${c.pick} }`);
  return `{\n  "version": 2,\n  "choices": [${rows.length ? `\n${rows.join(',\n')}\n  ` : ''}]\n}\n`;
}

/** The file name offered for a scenario: its own, with `.choices.json`. */
export function defaultChoicesName(documentPath: string): string {
  const base = documentPath.split('/').pop() || 'scenario';
  return `${base.replace(/\.threads$/, '') || 'scenario'}.choices.json`;
}
