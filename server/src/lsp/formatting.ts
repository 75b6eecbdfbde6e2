/**
 * Document formatting: re-indents every line by its brace depth (one indentation unit per
 * block) and trims trailing whitespace. Nothing else changes: statements may share a line, and
 * lines that start inside a block comment are left as they are. Lines end at \n, \r\n or \r,
 * as LSP positions count them. Options out of range are refused with InvalidParams.
 */
import {
  ErrorCodes,
  ResponseError,
  type DocumentFormattingParams,
  type FormattingOptions,
  type TextEdit,
} from 'vscode-languageserver';
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
    if (c === '\r' && text[i + 1] === '\n') continue;
    if (c === '\n' || c === '\r') {
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
      // A backslash escapes the next character, but never a line break (strings end at one).
      if (c === '\\' && text[i + 1] !== '\n' && text[i + 1] !== '\r') i++;
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

/** The widest indentation unit accepted, in spaces. */
export const MAX_TAB_SIZE = 16;

/** Why `options` cannot be used, or null. */
export function formattingProblem(options: unknown): string | null {
  if (typeof options !== 'object' || options === null) return 'formatting options are missing';
  const o = options as Record<string, unknown>;
  if (typeof o.insertSpaces !== 'boolean') return 'insertSpaces must be true or false';
  const t = o.tabSize;
  if (typeof t !== 'number' || !Number.isInteger(t) || t < 1 || t > MAX_TAB_SIZE)
    return `tabSize must be a whole number from 1 to ${MAX_TAB_SIZE}, not ${JSON.stringify(t) ?? String(t)}`;
  return null;
}

/** The edits that format `text` (options as `formattingProblem` accepts them). */
export function formatText(text: string, options: FormattingOptions): TextEdit[] {
  const unit = options.insertSpaces ? ' '.repeat(options.tabSize) : '\t';
  const lines = text.split(/\r\n|\r|\n/);
  const starts = lineStarts(text);
  const edits: TextEdit[] = [];
  lines.forEach((body, line) => {
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
    const problem = formattingProblem(params.options);
    if (problem) throw new ResponseError(ErrorCodes.InvalidParams, problem);
    const doc = ctx.documents.get(params.textDocument.uri);
    return doc ? formatText(doc.getText(), params.options) : [];
  });
}
