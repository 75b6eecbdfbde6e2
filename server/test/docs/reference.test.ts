// The reference in docs/reference: a section for every diagnostic code the source can emit,
// every `§` the sources cite present in the language reference, and every link of README.md
// and docs/ resolving inside the repository (anchors included).
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { test } from 'node:test';
import { emittedCodes } from './codes';
import { anchors, filesUnder, headings, links, read, ROOT } from './markdown';

const DIAGNOSTICS = 'docs/reference/diagnostics.md';
const LANGUAGE = 'docs/reference/language.md';

/** The code each `### \`code\`` heading of the diagnostics reference documents. */
function documentedCodes(): string[] {
  return headings(read(DIAGNOSTICS))
    .filter((h) => h.level === 3)
    .map((h) => /^`([a-z-]+)`$/.exec(h.text)?.[1])
    .filter((c): c is string => c !== undefined);
}

test('the source emits the codes of every tier (the extraction finds them)', () => {
  const codes = emittedCodes();
  for (const c of ['syntax', 'relock', 'lock-order-cycle', 'deadlock', 'deadlock-reachable', 'simulation-time-limit'])
    assert.ok(codes.includes(c), `${c} among ${codes.join(', ')}`);
});

test('every diagnostic code the project can emit has its section in the diagnostics reference', () => {
  const documented = documentedCodes();
  const missing = emittedCodes().filter((c) => !documented.includes(c));
  assert.deepEqual(missing, [], `codes without a section in ${DIAGNOSTICS}`);
  assert.equal(new Set(documented).size, documented.length, 'one section per code');
});

/** Section numbers of the language reference: `## 5. The threading model` is 5, `### 5.3 …` is 5.3. */
function sectionNumbers(): Set<string> {
  const out = new Set<string>();
  for (const h of headings(read(LANGUAGE))) {
    const m = /^(\d+(?:\.\d+)*)\.?\s/.exec(h.text);
    if (m) out.add(m[1]);
  }
  return out;
}

test('every § cited in the sources and documents is a section of the language reference', () => {
  const sections = sectionNumbers();
  assert.ok(sections.has('5.5') && sections.has('9'), 'the reference keeps the numbering');
  const cited = ['server/src', 'client/src', 'server/test', 'client/test', 'docs', 'samples', 'bench', 'scripts']
    .flatMap((d) => filesUnder(d, (n) => /\.(ts|md|threads|mjs|css)$/.test(n)))
    .concat(['README.md']);
  const bad: string[] = [];
  for (const f of cited) {
    read(f)
      .split('\n')
      .forEach((line, k) => {
        for (const m of line.matchAll(/§\s?(\d+(?:\.\d+)*)/g)) {
          const n = m[1].replace(/\.$/, '');
          if (!sections.has(n)) bad.push(`${f}:${k + 1}: §${n}`);
        }
      });
  }
  assert.ok(cited.length > 50, `${cited.length} files read`);
  assert.deepEqual(bad, [], 'citations of sections the language reference does not have');
});

test('no source or document sends a reader to a specification file the repository does not have', () => {
  const files = [
    'server/src',
    'client/src',
    'server/test',
    'client/test',
    'docs',
    'samples',
    'bench',
    'scripts',
    'media',
  ]
    .flatMap((d) => filesUnder(d, (n) => /\.(ts|md|threads|mjs|css)$/.test(n)))
    .concat(['README.md', 'CHANGELOG.md', 'package.json']);
  const bad: string[] = [];
  for (const f of files) {
    read(f)
      .split('\n')
      .forEach((line, k) => {
        // The upper-case names are the specification's files; the reference is in docs/reference.
        for (const m of line.matchAll(/\b(?:LANGUAGE|DIAGNOSTICS|CLI)\.md\b/g)) bad.push(`${f}:${k + 1}: ${m[0]}`);
      });
  }
  assert.deepEqual(bad, [], 'cite docs/reference/language.md, diagnostics.md or cli.md instead');
});

test('every link of README.md and docs/ resolves inside the repository', () => {
  const pages = ['README.md', 'CHANGELOG.md', ...filesUnder('docs', (n) => n.endsWith('.md'))];
  const bad: string[] = [];
  let count = 0;
  for (const page of pages) {
    for (const { target, line } of links(read(page))) {
      count++;
      const where = `${page}:${line}: ${target}`;
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) {
        bad.push(`${where} (not inside the repository)`);
        continue;
      }
      const [path, anchor] = target.split('#');
      const file = path === '' ? page : normalize(join(dirname(page), decodeURIComponent(path)));
      if (file.startsWith('..') || !existsSync(join(ROOT, file))) {
        bad.push(`${where} (no such file)`);
        continue;
      }
      if (anchor !== undefined) {
        if (!file.endsWith('.md') || statSync(join(ROOT, file)).isDirectory())
          bad.push(`${where} (an anchor outside Markdown)`);
        else if (!anchors(read(file)).has(anchor))
          bad.push(`${where} (no heading #${anchor} in ${relative('.', file)})`);
      }
    }
  }
  assert.ok(count > 40, `${count} links read`);
  assert.deepEqual(bad, []);
});
