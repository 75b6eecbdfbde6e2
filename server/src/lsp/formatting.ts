/**
 * Document formatting: re-indents every line by its brace depth (one indentation unit per
 * block) and trims trailing whitespace. Nothing else changes: statements may share a line, and
 * lines that start inside a block comment are left as they are.
 */
import type { DocumentFormattingParams, FormattingOptions, TextEdit } from 'vscode-languageserver';
import type { ServerContext } from './context';

interface LineStart {
  depth: number;
  inComment: boolean;
}

/** Brace depth and comment state at the start of every line. */
function lineStarts(text: string): LineStart[] {
  const out: LineStart[] = [{ depth: 0, inComment: false }];
  let depth = 0;
  let state: 'code' | 'line' | 'block' | 'string' = 'code';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      if (state === 'line' || state === 'string') state = 'code';
      out.push({ depth, inComment: state === 'block' });
      continue;
    }
    if (state === 'line') continue;
    if (state === 'block') {
      if (c === '*' && text[i + 1] === '/') {
        state = 'code';
        i++;
      }
    } else if (state === 'string') {
      if (c === '\\') i++;
      else if (c === '"') state = 'code';
    } else if (c === '/' && text[i + 1] === '/') state = 'line';
    else if (c === '/' && text[i + 1] === '*') {
      state = 'block';
      i++;
    } else if (c === '"') state = 'string';
    else if (c === '{') depth++;
    else if (c === '}') depth = Math.max(0, depth - 1);
  }
  return out;
}

/** The edits that format `text`. */
export function formatText(text: string, options: FormattingOptions): TextEdit[] {
  const unit = options.insertSpaces ? ' '.repeat(Math.max(1, options.tabSize)) : '\t';
  const lines = text.split('\n');
  const starts = lineStarts(text);
  const edits: TextEdit[] = [];
  lines.forEach((raw, line) => {
    const hasCr = raw.endsWith('\r');
    const body = hasCr ? raw.slice(0, -1) : raw;
    if (starts[line].inComment) return;
    const content = body.trim();
    const depth = content.startsWith('}') ? Math.max(0, starts[line].depth - 1) : starts[line].depth;
    const wanted = content === '' ? '' : unit.repeat(depth) + content;
    if (wanted !== body) {
      edits.push({ range: { start: { line, character: 0 }, end: { line, character: body.length } }, newText: wanted });
    }
  });
  return edits;
}

/** Registers `textDocument/formatting`. */
export function registerFormatting(ctx: ServerContext): void {
  ctx.connection.onDocumentFormatting((params: DocumentFormattingParams): TextEdit[] => {
    const doc = ctx.documents.get(params.textDocument.uri);
    return doc ? formatText(doc.getText(), params.options) : [];
  });
}
