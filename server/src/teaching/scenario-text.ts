/**
 * Writing generated scenarios: `.threads` text from plain descriptions, comment wrapping, and
 * the seeded draws of the exercise generators (mulberry32, as everywhere in the core).
 */
import { Mulberry32 } from '../simulator/rng';

/** Seeded draws for a generator. */
export class Draws {
  private readonly rng: Mulberry32;

  constructor(seed: number) {
    this.rng = new Mulberry32(seed);
  }

  /** An integer in a..b, inclusive. */
  int(a: number, b: number): number {
    return this.rng.range(a, b);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.rng.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)];
  }

  /** A copy of `items` in a drawn order (Fisher–Yates). */
  shuffled<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let k = out.length - 1; k > 0; k--) {
      const j = this.int(0, k);
      [out[k], out[j]] = [out[j], out[k]];
    }
    return out;
  }

  /** n different integers from a..b (n ≤ b − a + 1), in draw order. */
  distinct(n: number, a: number, b: number): number[] {
    const pool = Array.from({ length: b - a + 1 }, (_, k) => a + k);
    const out: number[] = [];
    for (let k = 0; k < n; k++) out.push(pool.splice(this.int(0, pool.length - 1), 1)[0]);
    return out;
  }
}

export interface ThreadText {
  name: string;
  /** Attributes as written after the name: `priority 5 at 3`. */
  attrs?: string;
  /** Statements, one a line. */
  body: string[];
}

export interface ProcessText {
  name: string;
  settings: string[];
  decls?: string[];
  threads: ThreadText[];
}

/** A scenario block and its processes, two-space indented, ending with a newline. */
export function scenarioText(title: string, settings: string[], processes: ProcessText[]): string {
  const out = [`scenario "${title}" {`, ...settings.map((s) => `  ${s}`), '}'];
  for (const p of processes) {
    out.push('', `process ${p.name} {`, ...p.settings.map((s) => `  ${s}`));
    if (p.decls && p.decls.length > 0) out.push('', ...p.decls.map((d) => `  ${d}`));
    out.push('');
    for (const t of p.threads) {
      const head = `  thread ${t.name}${t.attrs ? ` ${t.attrs}` : ''} {`;
      if (t.body.length <= 1) out.push(`${head} ${t.body.join('')}${t.body.length === 1 ? ' ' : ''}}`);
      else out.push(head, ...t.body.map((s) => `    ${s}`), '  }');
    }
    out.push('}');
  }
  return out.join('\n') + '\n';
}

const WIDTH = 96;

/** `text` as `// ` comment lines of at most WIDTH columns; continuation lines start `indent` spaces in. */
export function commentLines(text: string, indent = 0): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line.trim() !== '' && 3 + line.length + 1 + word.length > WIDTH) {
      out.push(line);
      line = ' '.repeat(indent) + word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  out.push(line);
  return out.map((l) => (l === '' ? '//' : `// ${l}`));
}

/** `a`, `a and b`, `a, b and c`. */
export function spoken(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
