/**
 * The language's own lexer, seen the way editor features on half-typed text want it (completion,
 * the code lens, hover on a keyword): words, numbers, strings and punctuation with their
 * offsets, comments apart. The lexer never fails, so neither does this; it decides nothing
 * about validity.
 */
import type { IToken, TokenType } from 'chevrotain';
import {
  BadComment,
  BadNumber,
  BadString,
  BlockComment,
  Ident,
  Int,
  KEYWORD_TOKENS,
  Size,
  StringLit,
  tokenize,
} from '../language/tokens';

export type TokenKind = 'word' | 'number' | 'string' | 'punct';

export interface Token {
  kind: TokenKind;
  text: string;
  /** Offsets in the text, end exclusive. */
  start: number;
  end: number;
}

const KEYWORD_TYPES: ReadonlySet<TokenType> = new Set(KEYWORD_TOKENS.values());

function kindOf(t: IToken): TokenKind {
  const type = t.tokenType;
  if (type === Ident || KEYWORD_TYPES.has(type)) return 'word';
  if (type === Int || type === Size || type === BadNumber) return 'number';
  if (type === StringLit || type === BadString) return 'string';
  return 'punct';
}

function view(t: IToken): Token {
  return { kind: kindOf(t), text: t.image, start: t.startOffset, end: t.startOffset + t.image.length };
}

/** The tokens of `text` (comments left out; an unterminated comment ends the text). */
export function lexed(text: string): Token[] {
  return tokenize(text)
    .tokens.filter((t) => t.tokenType !== BadComment)
    .map(view);
}

/** A string whose closing quote is there (a bad escape inside does not open it). */
const CLOSED_STRING = /^"(?:[^"\\]|\\.)*"$/s;

/**
 * True when `offset` lies inside a comment or a string: after its opening and before its end (a
 * line comment, and an unterminated string or comment, also at their very end).
 */
export function inCommentOrString(text: string, offset: number): boolean {
  const { tokens, comments } = tokenize(text);
  const spans = [
    ...comments,
    ...tokens.filter((t) => t.tokenType === StringLit || t.tokenType === BadString || t.tokenType === BadComment),
  ];
  for (const t of spans) {
    const start = t.startOffset;
    const end = start + t.image.length;
    if (start >= offset || offset > end) continue;
    const closed =
      t.tokenType === BlockComment ||
      t.tokenType === StringLit ||
      (t.tokenType === BadString && CLOSED_STRING.test(t.image));
    if (offset < end || !closed) return true;
  }
  return false;
}
