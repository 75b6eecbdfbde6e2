/**
 * Quick fixes for `unknown-name` (rename to the suggested name; declare the name) and for a
 * `syntax` error at a misspelt keyword (change it to the suggested keyword).
 */
import type { CodeAction } from 'vscode-languageserver';
import { insertAt, indentOf, offsetOf, processAt, quickFix, replace, type Fixer } from './fix-context';

const DECLARATION: Record<string, (name: string, op: string) => string> = {
  mutex: (n) => `mutex ${n}`,
  condvar: (n) => `condvar ${n}`,
  semaphore: (n) => `semaphore ${n} 0`,
  thread: (n, op) => (op === 'spawn' ? `thread ${n} deferred {\n}` : `thread ${n} {\n}`),
};

/** `unknown-name`. */
export const fixUnknownName: Fixer = (d, fc) => {
  const out: CodeAction[] = [];
  const start = offsetOf(fc, d.range.start);
  const end = offsetOf(fc, d.range.end);
  const data = (d.data ?? {}) as { suggestion?: unknown };
  const ref = fc.idx.references.find((r) => r.ident.start <= start && end <= r.ident.end);
  const identStart = ref?.ident.start ?? start;
  const identEnd = ref?.ident.end ?? end;
  if (typeof data.suggestion === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(data.suggestion)) {
    out.push(
      quickFix(`Change to '${data.suggestion}'`, fc, d, [replace(fc, identStart, identEnd, data.suggestion)], true),
    );
  }
  const process = processAt(fc, start);
  if (ref && process) {
    const name = ref.ident.name;
    const make = DECLARATION[ref.expected];
    // Sync objects go before the first thread; a thread goes after the last one.
    if (ref.expected === 'thread') {
      const last = process.threads[process.threads.length - 1];
      const indent = indentOf(fc, last.range.start.line);
      const text = make(name, ref.stmt.op).replace('\n', `\n${indent}`);
      out.push(quickFix(`Declare thread '${name}'`, fc, d, [insertAt(fc, last.end, `\n${indent}${text}`)]));
    } else {
      const first = process.threads[0];
      const indent = indentOf(fc, first.range.start.line);
      const lineStart = offsetOf(fc, { line: first.range.start.line, character: 0 });
      out.push(
        quickFix(`Declare ${ref.expected} '${name}'`, fc, d, [
          insertAt(fc, lineStart, `${indent}${make(name, ref.stmt.op)}\n`),
        ]),
      );
    }
  }
  return out;
};

/** `syntax` at a misspelt keyword (`data.kind` 'keyword'): change the word to the suggestion. */
export const fixMisspeltKeyword: Fixer = (d, fc) => {
  const data = (d.data ?? {}) as { suggestion?: unknown; kind?: unknown };
  if (data.kind !== 'keyword' || typeof data.suggestion !== 'string' || !/^[a-z_]+$/.test(data.suggestion)) return [];
  const start = offsetOf(fc, d.range.start);
  const end = offsetOf(fc, d.range.end);
  return [quickFix(`Change to '${data.suggestion}'`, fc, d, [replace(fc, start, end, data.suggestion)], true)];
};
