/**
 * The editor grammar and the language's keyword table must not drift apart: every keyword is
 * coloured by some rule of syntaxes/threadscape.tmLanguage.json, and the grammar's list of
 * reserved words (which keeps a keyword from being coloured as a name after `lock`, `wait`,
 * `spawn`, …) is exactly the table. The scope tests in syntaxes/test check the colours.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { KEYWORDS } from '../../src/language';

interface Rule {
  match?: string;
  begin?: string;
  patterns?: Rule[];
  [key: string]: unknown;
}

const grammarPath = resolve(__dirname, '../../../syntaxes/threadscape.tmLanguage.json');
const grammar = JSON.parse(readFileSync(grammarPath, 'utf8')) as { repository: Record<string, Rule> };

function regexes(rule: Rule, out: string[] = []): string[] {
  if (rule.match) out.push(rule.match);
  if (rule.begin) out.push(rule.begin);
  for (const p of rule.patterns ?? []) regexes(p, out);
  return out;
}

const all = Object.values(grammar.repository).flatMap((r) => regexes(r));

/** Words listed inside alternations `(?:a|b)` / `(a|b)`, outside negative lookaheads. */
function colouredWords(): Set<string> {
  const words = new Set<string>();
  for (const re of all) {
    const positive = re.replace(/\(\?!\(\?:[^)]*\)\\\\b\)/g, '').replace(/\(\?!\(\?:[^)]*\)\\b\)/g, '');
    for (const group of positive.matchAll(/\((?:\?:)?([a-z_|]+)\)/g)) {
      for (const w of group[1]!.split('|')) if (w) words.add(w);
    }
  }
  return words;
}

/** The reserved-word lists of negative lookaheads `(?!(?:a|b|…)\b)` that name many keywords. */
function reservedLists(): string[][] {
  const lists: string[][] = [];
  for (const re of all) {
    for (const m of re.matchAll(/\(\?!\(\?:([a-z_|]+)\)\\b\)/g)) {
      const list = m[1]!.split('|');
      if (list.length > 20) lists.push(list);
    }
  }
  return lists;
}

test('every keyword of the language is coloured by the grammar', () => {
  const coloured = colouredWords();
  const missing = KEYWORDS.map((k) => k.word).filter((w) => !coloured.has(w));
  assert.deepEqual(missing, []);
});

test('the grammar colours no word that is not a keyword (i aside)', () => {
  const keywords = new Set(KEYWORDS.map((k) => k.word));
  const extra = [...colouredWords()].filter((w) => !keywords.has(w) && w !== 'i');
  assert.deepEqual(extra, []);
});

test("the grammar's reserved-word lists are exactly the keyword table", () => {
  const lists = reservedLists();
  assert.ok(lists.length >= 3, `found ${lists.length} reserved-word lists`);
  const want = KEYWORDS.map((k) => k.word).sort();
  for (const list of lists) assert.deepEqual([...list].sort(), want);
});
