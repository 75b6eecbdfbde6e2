/**
 * Each diagnostic code links to its section of the diagnostics reference that ships with the
 * extension (`docs/reference/diagnostics.md`, one `` ### `code` `` heading per code). The link
 * (`codeDescription.href`) is a `file:` URL of that installed copy with the heading's line as
 * its fragment (`…/diagnostics.md#L42`): VS Code opens it in an editor at the section, from
 * the hover and from the Problems panel, offline and without a workspace folder, and any
 * other client gets a readable file. Without the file (a server run outside its package) no
 * diagnostic carries a link.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The 1-based line of each `` ### `code` `` heading of the diagnostics reference, by code. */
export function sectionLines(markdown: string): Map<string, number> {
  const out = new Map<string, number>();
  let fenced = false;
  markdown.split(/\r?\n/).forEach((line, k) => {
    if (/^\s*```/.test(line)) fenced = !fenced;
    const m = fenced ? null : /^###\s+`([a-z]+(?:-[a-z]+)*)`\s*$/.exec(line);
    if (m && !out.has(m[1])) out.set(m[1], k + 1);
  });
  return out;
}

/** Links of the diagnostics reference at `file` (an absolute path), by code. */
export class DiagnosticHelp {
  private readonly lines: Map<string, number>;
  private readonly url: string;

  constructor(file: string) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      // No reference beside the server: diagnostics go without links.
    }
    this.lines = sectionLines(text);
    this.url = pathToFileURL(file).href;
  }

  /** The link to the section of `code`, or undefined when the reference has none. */
  href(code: string): string | undefined {
    const line = this.lines.get(code);
    return line === undefined ? undefined : `${this.url}#L${line}`;
  }
}

/** The reference of the installed package: `docs/reference/diagnostics.md` beside `dist/`. */
export function packagedHelpFile(bundleDir: string = __dirname): string {
  return resolve(bundleDir, '..', 'docs', 'reference', 'diagnostics.md');
}

let packaged: DiagnosticHelp | undefined;

/** The packaged reference's link for `code` (the file is read once, on first use). */
export function helpHref(code: string): string | undefined {
  packaged ??= new DiagnosticHelp(packagedHelpFile());
  return packaged.href(code);
}
