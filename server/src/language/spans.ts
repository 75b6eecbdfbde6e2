/** Spans of tokens and nodes, and how syntax errors name what the parser found. */
import { EOF, type IParserErrorMessageProvider, type IToken, type TokenType } from 'chevrotain';
import type { Span } from './ast';
import type { Position, SourceRange } from './model';
import { escapeControls } from './escape';
import { BadComment, BadNumber, BadString, Invalid } from './tokens';

/** The span of one token (Chevrotain lines and columns are 1-based, end column inclusive). */
export function tokenSpan(t: IToken): Span {
  return { range: tokenRange(t, t), start: t.startOffset, end: t.endOffset! + 1 };
}

/**
 * The LSP range from the first character of token `a` to the last of token `b`. A token that
 * ends with a line break (an unterminated comment) ends at the start of the next line, never
 * past the end of its own.
 */
export function tokenRange(a: IToken, b: IToken): SourceRange {
  const last = b.image?.charCodeAt(b.image.length - 1);
  const end =
    last === 10 || last === 13 ? { line: b.endLine!, character: 0 } : { line: b.endLine! - 1, character: b.endColumn! };
  return { start: { line: a.startLine! - 1, character: a.startColumn! - 1 }, end };
}

/** From the start of `a` to the end of `b`. */
export function joinSpans(a: Span, b: Span): Span {
  return { range: { start: a.range.start, end: b.range.end }, start: a.start, end: b.end };
}

/** From the first character of token `a` to the last of token `b`. */
export function tokensSpan(a: IToken, b: IToken): Span {
  return { range: tokenRange(a, b), start: a.startOffset, end: b.endOffset! + 1 };
}

/** An empty span just after token `t` (where a missing token would go). */
export function spanAfter(t: IToken | undefined): Span {
  if (!t) return emptySpan({ line: 0, character: 0 }, 0);
  const s = tokenSpan(t);
  return emptySpan(s.range.end, s.end);
}

function emptySpan(p: Position, offset: number): Span {
  const range: SourceRange = { start: p, end: p };
  return { range, start: offset, end: offset };
}

export function isEof(t: IToken | undefined): boolean {
  return t === undefined || t.tokenType === EOF;
}

/** How a syntax error names the token it found. */
export function describeToken(t: IToken | undefined): string {
  if (isEof(t)) return 'the end of the file';
  const tok = t as IToken;
  const image = escapeControls(tok.image.length > 24 ? `${tok.image.slice(0, 24)}…` : tok.image);
  switch (tok.tokenType) {
    case BadNumber:
      return `'${image}' (a number takes no letters; a size is written 8k, 1m or 4096)`;
    case BadString:
      return `${image.endsWith('"') && image.length > 1 ? 'a string with an unknown escape' : 'an unterminated string'} (only \\" and \\\\ may follow a backslash)`;
    case BadComment:
      return 'a comment that is never closed with */';
    case Invalid:
      return `'${image}', which is not part of the language`;
    default:
      return `'${image}'`;
  }
}

function label(t: TokenType): string {
  return t.LABEL ?? t.name;
}

/**
 * The token types the latest message below said were expected. The parser builds a message
 * when a rule fails and reads this right after, to suggest a keyword for a misspelt word.
 */
export const lastExpected: { types: TokenType[] } = { types: [] };

function expecting<T>(types: TokenType[], message: T): T {
  lastExpected.types = types;
  return message;
}

/**
 * Chevrotain's messages reduced to what was expected; the parser adds "after …, found …".
 * Rules give their own wording with ERR_MSG where it helps.
 */
export const expectationMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected }) => expecting([expected], label(expected)),
  buildNotAllInputParsedMessage: () => expecting([], 'the end of the file'),
  buildNoViableAltMessage: ({ expectedPathsPerAlt, customUserDescription }) => {
    const types = expectedPathsPerAlt.flatMap((alt) => alt.map((path) => path[0]));
    if (customUserDescription) return expecting(types, customUserDescription);
    const firsts = [...new Set(types.map(label))];
    return expecting(types, firsts.length === 1 ? firsts[0] : `one of ${firsts.join(', ')}`);
  },
  buildEarlyExitMessage: ({ expectedIterationPaths, customUserDescription }) =>
    expecting(
      expectedIterationPaths.map((p) => p[0]),
      customUserDescription ?? expectedIterationPaths.map((p) => label(p[0])).join(' or '),
    ),
};
