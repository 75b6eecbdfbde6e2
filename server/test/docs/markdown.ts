/** Reading the project's Markdown for the documentation tests: headings, anchors, links, code blocks. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../../..');

/** The text with fenced code blocks blanked (line count kept), so their contents are not read as Markdown. */
export function withoutCode(text: string): string {
  let fenced = false;
  return text
    .split('\n')
    .map((line) => {
      if (/^\s*```/.test(line)) {
        fenced = !fenced;
        return '';
      }
      return fenced ? '' : line.replace(/`[^`\n]*`/g, '``');
    })
    .join('\n');
}

/** The anchor GitHub and VS Code's Markdown preview give a heading. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** Headings of a Markdown text: level, text and line (0-based), outside code blocks. */
export function headings(text: string): { level: number; text: string; line: number }[] {
  let fenced = false;
  const out: { level: number; text: string; line: number }[] = [];
  text.split('\n').forEach((line, k) => {
    if (/^\s*```/.test(line)) fenced = !fenced;
    const m = fenced ? null : /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (m) out.push({ level: m[1].length, text: m[2], line: k });
  });
  return out;
}

/** Every anchor of a Markdown text (duplicates numbered as GitHub does: x, x-1, x-2). */
export function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const h of headings(text)) {
    const base = slug(h.text);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** Link and image targets of a Markdown text, with their 1-based line, outside code. */
export function links(text: string): { target: string; line: number }[] {
  const out: { target: string; line: number }[] = [];
  withoutCode(text)
    .split('\n')
    .forEach((line, k) => {
      for (const m of line.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g))
        out.push({ target: m[1], line: k + 1 });
      for (const m of line.matchAll(/<img\s[^>]*src="([^"]+)"/g)) out.push({ target: m[1], line: k + 1 });
    });
  return out;
}

/** The text of each `### \`code\`` section of the diagnostics reference, by code. */
export function sectionsByCode(text: string): Map<string, string> {
  const lines = text.split('\n');
  const hs = headings(text);
  const out = new Map<string, string>();
  hs.forEach((h, k) => {
    const code = /^`([a-z-]+)`$/.exec(h.text)?.[1];
    if (h.level !== 3 || !code) return;
    const end = hs.slice(k + 1).find((n) => n.level <= 3)?.line ?? lines.length;
    out.set(code, lines.slice(h.line + 1, end).join('\n'));
  });
  return out;
}

/** Fenced code blocks of a text with their info string (`threads`, `ebnf`, …). */
export function codeBlocks(text: string): { lang: string; code: string }[] {
  const out: { lang: string; code: string }[] = [];
  for (const m of text.matchAll(/^```([\w-]*)\n([\s\S]*?)^```\s*$/gm)) out.push({ lang: m[1], code: m[2] });
  return out;
}

/** Files under `dir` (relative to ROOT) whose names pass `keep`, skipping build output and dependencies. */
export function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d).sort()) {
      if (['node_modules', 'dist', '.tsbuild', '.git', 'fixtures'].includes(e)) continue;
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (keep(e)) out.push(relative(ROOT, p));
    }
  };
  walk(join(ROOT, dir));
  return out;
}

export function read(path: string): string {
  return readFileSync(join(ROOT, path), 'utf8');
}
