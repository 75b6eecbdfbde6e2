/**
 * `threadscape check FILE...` (CLI.md): every diagnostic of each file (text, static analysis,
 * and the simulation of the files without text errors), one a line, compiler style, sorted by
 * file, line, column and code. Exit 0 without error diagnostics, 1 with at least one.
 *
 * Every file is read before any is checked: an unreadable one is a usage error (one line on
 * stderr, exit 2) and nothing else is printed.
 */
import { checkText } from '../core';
import { compareDiagnostics, type Diagnostic } from '../language/diagnostic';
import { formatDiagnostic } from './format';
import { readScenario } from './options';

interface Found {
  file: string;
  diagnostic: Diagnostic;
}

function compareFound(a: Found, b: Found): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return compareDiagnostics(a.diagnostic, b.diagnostic);
}

export async function checkCommand(files: string[]): Promise<number> {
  const texts = files.map((file) => ({ file, text: readScenario(file) }));
  const found: Found[] = [];
  for (const { file, text } of texts) {
    for (const diagnostic of checkText(text, { simulate: true }).diagnostics) found.push({ file, diagnostic });
  }
  found.sort(compareFound);
  if (found.length > 0)
    process.stdout.write(found.map((f) => formatDiagnostic(f.file, f.diagnostic)).join('\n') + '\n');
  return found.some((f) => f.diagnostic.severity === 'error') ? 1 : 0;
}
