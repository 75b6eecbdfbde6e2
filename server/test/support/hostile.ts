/**
 * Hostile scenarios, by family (each the shape of a known way to hang, exhaust or crash a
 * host), and the checks every host's pipeline must pass on any of them. Shared by the fuzz test
 * (a few hundred inputs in `npm test`) and bench/fuzz.bench.ts (tens of thousands, with time and
 * memory bounds). Seeded: an input is reproduced by its family, seed and index.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Diagnostic } from '../../src/language/diagnostic';
import { KEYWORDS } from '../../src/language/keywords';

export type Rnd = () => number;

const pick = <T>(rnd: Rnd, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
/** An integer from `lo` to `hi`, log-uniform (small sizes as likely as large ones). */
const logInt = (rnd: Rnd, lo: number, hi: number): number =>
  Math.min(hi, Math.floor(Math.exp(Math.log(lo) + rnd() * (Math.log(hi + 1) - Math.log(lo)))));

let sources: readonly string[] | null = null;

/** The samples and the conformance cases: valid files to mutate (read on first use). */
export function sourceFiles(): readonly string[] {
  const root = resolve(__dirname, '../../..');
  sources ??= [join(root, 'samples'), join(root, 'server/test/fixtures/conformance')].flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.threads'))
      .sort()
      .map((f) => readFileSync(join(dir, f), 'utf8')),
  );
  return sources;
}

const HUGE = ['10001', '65536', '1000000', '10000000', '2147483647', '2147483648', '99999999999999999999', '007'];
const CONTROL = [
  '\u0000',
  '\u0007',
  '\u0008',
  '\u000b',
  '\u000c',
  '\u001b',
  '\u001b[2J',
  '\u001b]0;t\u0007',
  '\u007f',
  '\u0085',
  '\u009b',
];

/** `scale` 0..1 bounds the sizes (the test uses small ones, the benchmark the full range). */
export interface Family {
  name: string;
  make(rnd: Rnd, scale: number): string;
}

const threads = (rnd: Rnd, scale: number): number => logInt(rnd, 2, Math.max(2, Math.round(10_000 * scale)));

export const FAMILIES: readonly Family[] = [
  {
    name: 'huge-array',
    make: (rnd) => {
      const n = pick(rnd, HUGE);
      const kind = pick(rnd, ['mutex m', 'condvar m', 'semaphore m', 'thread w']);
      const decl = kind.startsWith('thread')
        ? `thread w[${n}] { compute 1 }`
        : `${kind}[${n}]${kind.startsWith('sem') ? ' 1' : ''}`;
      return `process p { ${decl} thread t { compute 1 } }\n`;
    },
  },
  {
    name: 'huge-count',
    make: (rnd) => {
      const n = pick(rnd, HUGE);
      return pick(rnd, [
        `process p { lwps ${n} thread t { compute 1 } }`,
        `process p { concurrency ${n} thread t { compute 1 } }`,
        `process p { thread t { set_concurrency ${n} compute 1 } }`,
        `scenario "s" { cpus ${n} } process p { thread t { compute 1 } }`,
        `scenario "s" { horizon ${n} quantum ${n} policy rr } process p { thread t { compute ${n} } }`,
        `process p { thread t { repeat ${n} { repeat ${n} { yield } } } }`,
        `process p { thread t stack ${n}k { stack_use ${n}m } }`,
        `process p { reaper ${n} keep ${n} lwp_idle_timeout ${n} thread t at ${n} { sleep 1..${n} } }`,
      ]);
    },
  },
  {
    name: 'thread-blowup',
    make: (rnd, scale) => {
      const processes = logInt(rnd, 1, 12);
      const each = threads(rnd, scale);
      const body = pick(rnd, ['compute 1', 'io 1 compute 1', 'yield exit', 'sleep 1']);
      const model = pick(rnd, ['one_to_one', 'many_to_many', 'many_to_one']);
      return Array.from(
        { length: processes },
        (_, k) =>
          `process p${k} { model ${model} thread w[${each}]${model === 'many_to_one' ? '' : ' bound'} { ${body} } }`,
      ).join('\n');
    },
  },
  {
    name: 'join-cycle',
    make: (rnd, scale) => `process p { thread w[${threads(rnd, scale)}] { join w[i+1] } }\n`,
  },
  {
    name: 'lock-cycle',
    make: (rnd, scale) => {
      const n = threads(rnd, scale);
      const model = pick(rnd, ['one_to_one', 'many_to_many']);
      return `scenario "ring" { cpus ${logInt(rnd, 1, 8)} }\nprocess p { model ${model} mutex f[${n}] thread w[${n}] { lock f[i] compute 1 lock f[i+1] unlock f[i+1] unlock f[i] } }\n`;
    },
  },
  {
    name: 'condvar-storm',
    make: (rnd, scale) => {
      const n = threads(rnd, scale);
      const rounds = logInt(rnd, 1, Math.max(1, Math.round(1000 * scale)));
      const b = logInt(rnd, 1, Math.max(1, Math.round(100_000 * scale)));
      return (
        `process p { mutex m condvar c\n  thread w[${n}] { repeat ${rounds} { lock m wait c m unlock m } }\n` +
        `  thread b { repeat ${b} { lock m broadcast c unlock m compute 1 } } }\n`
      );
    },
  },
  {
    name: 'budget-run',
    make: (rnd, scale) => {
      const n = threads(rnd, scale);
      return (
        `scenario "slow" { cpus ${logInt(rnd, 1, 8)} horizon 100000000 policy rr quantum 1 }\n` +
        `process p { model ${pick(rnd, ['one_to_one', 'many_to_many'])} mutex m thread w[${n}] { repeat 100000 { compute 1 lock m unlock m } } }\n`
      );
    },
  },
  {
    name: 'control-characters',
    make: (rnd) => {
      let t = pick(rnd, sourceFiles());
      for (let k = 1 + Math.floor(rnd() * 3); k > 0; k--) {
        const c = pick(rnd, CONTROL);
        // In the title, in a name, in a comment, or anywhere.
        const at = pick(rnd, [
          t.indexOf('"') + 1,
          t.indexOf('process ') + 9,
          t.indexOf('//') + 3,
          Math.floor(rnd() * t.length),
        ]);
        t = t.slice(0, Math.max(0, at)) + c + t.slice(Math.max(0, at));
      }
      return t;
    },
  },
  {
    name: 'unterminated',
    make: (rnd) => {
      const t = pick(rnd, sourceFiles());
      const cut = t.slice(0, Math.floor(rnd() * t.length));
      return cut + pick(rnd, ['/*', '/* open\n', '/*\r\n', '/*\r', '"open', '"open\n', '/* a */ /*', '//\r']);
    },
  },
  {
    name: 'line-endings',
    make: (rnd) => {
      const t = pick(rnd, sourceFiles());
      const eol = pick(rnd, ['\r', '\r\n', '\n\r', '\u2028']);
      return rnd() < 0.5 ? t.replace(/\n/g, eol) : t.replace(/\n/g, () => pick(rnd, ['\r', '\n', '\r\n']));
    },
  },
  {
    name: 'mutation',
    make: (rnd) => mutate(pick(rnd, sourceFiles()), rnd),
  },
];

const PIECES = [
  ...KEYWORDS.map((k) => k.word),
  '{',
  '}',
  '[',
  ']',
  'i+1',
  '..',
  '0',
  ...HUGE,
  '"t"',
  '"',
  '/*',
  '*/',
  '\r',
  '\n',
  '😀',
];

/** A few random edits of a valid file: deletions, insertions of words, moves, truncation. */
export function mutate(text: string, rnd: Rnd): string {
  let t = text;
  for (let k = 1 + Math.floor(rnd() * 4); k > 0; k--) {
    const at = Math.floor(rnd() * (t.length + 1));
    const op = Math.floor(rnd() * 4);
    if (op === 0) t = t.slice(0, at) + t.slice(at + 1 + Math.floor(rnd() * 20));
    else if (op === 1) t = `${t.slice(0, at)} ${pick(rnd, PIECES)} ${t.slice(at)}`;
    else if (op === 2) t = t.slice(0, at);
    else {
      const b = Math.floor(rnd() * t.length);
      const [x, y] = at < b ? [at, b] : [b, at];
      t = t.slice(0, x) + t.slice(y) + t.slice(x, y);
    }
  }
  return t;
}

/** The lengths of the text's lines as LSP counts them (\r\n, \r and \n end a line). */
export function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.length);
}

/** What is wrong with a diagnostic's range in `text`: outside its lines, or reversed. Null when fine. */
export function rangeProblem(d: Diagnostic, lines: readonly number[]): string | null {
  const { start, end } = d.range;
  for (const p of [start, end]) {
    if (!Number.isInteger(p.line) || p.line < 0 || p.line >= lines.length) return `line ${p.line} outside the text`;
    if (!Number.isInteger(p.character) || p.character < 0 || p.character > lines[p.line])
      return `character ${p.character} past the end of line ${p.line} (${lines[p.line]})`;
  }
  if (start.line > end.line || (start.line === end.line && start.character > end.character)) return 'reversed';
  return null;
}
