/**
 * Tokens and the lexer (docs/reference/language.md §2).
 *
 * Words and numbers are lexed by one pattern each and classified afterwards: a word is a
 * keyword exactly when the whole word is in the keyword table, so `io_x`, `one` and `stacks`
 * are identifiers whatever keyword they start with, with no ordering of prefixes to get
 * wrong; a number is an `Int` (`4096`), a `Size` (`8k`, `1m`) or, with any other letters
 * glued to it (`8K`, `8kb`), a `BadNumber` that the parser reports. Characters outside the
 * language become `Invalid` tokens, unterminated strings and comments `BadString` and
 * `BadComment`: the lexer itself never fails, and the parser reports each such token once,
 * inside the statement where it appears.
 */
import { createToken, createTokenInstance, Lexer, type ILexingError, type IToken, type TokenType } from 'chevrotain';
import { KEYWORDS, listWords, wordsOf, type Category } from './keywords';

export const Ident = createToken({ name: 'Ident', pattern: /[A-Za-z_][A-Za-z0-9_]*/, label: 'a name' });
/** Int or Size: what `stack` and `stack_use` take. */
export const SizeValue = createToken({ name: 'SizeValue', pattern: Lexer.NA, label: 'a size' });
export const Int = createToken({ name: 'Int', pattern: Lexer.NA, label: 'a number', categories: [SizeValue] });
export const Size = createToken({ name: 'Size', pattern: Lexer.NA, label: 'a size', categories: [SizeValue] });
export const BadNumber = createToken({ name: 'BadNumber', pattern: Lexer.NA, label: 'a malformed number' });
/** Digits with any letters glued on; reclassified as Int, Size or BadNumber after lexing. */
const NumberWord = createToken({ name: 'NumberWord', pattern: /[0-9]+(?:[A-Za-z_][A-Za-z0-9_]*)?/ });
export const StringLit = createToken({ name: 'String', pattern: /"(?:[^"\\\r\n]|\\["\\])*"/, label: 'a string' });
export const BadString = createToken({
  name: 'BadString',
  pattern: /"(?:[^"\\\r\n]|\\[^\r\n]?)*"?/,
  label: 'a malformed string',
});
export const LBrace = createToken({ name: 'LBrace', pattern: '{', label: "'{'" });
export const RBrace = createToken({ name: 'RBrace', pattern: '}', label: "'}'" });
export const LBracket = createToken({ name: 'LBracket', pattern: '[', label: "'['" });
export const RBracket = createToken({ name: 'RBracket', pattern: ']', label: "']'" });
export const Plus = createToken({ name: 'Plus', pattern: '+', label: "'+'" });
export const Minus = createToken({ name: 'Minus', pattern: '-', label: "'-'" });
export const DotDot = createToken({ name: 'DotDot', pattern: '..', label: "'..'" });
const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /\s+/, group: Lexer.SKIPPED, line_breaks: true });
export const LineComment = createToken({ name: 'LineComment', pattern: /\/\/[^\n\r]*/, group: 'comments' });
export const BlockComment = createToken({
  name: 'BlockComment',
  pattern: /\/\*[^*]*\*+(?:[^/*][^*]*\*+)*\//,
  group: 'comments',
  line_breaks: true,
});
export const BadComment = createToken({
  name: 'BadComment',
  pattern: /\/\*[\s\S]*/,
  line_breaks: true,
  label: 'an unterminated comment',
});
/** Characters no pattern matches; made from the lexer's errors so the parser reports them in place. */
export const Invalid = createToken({ name: 'Invalid', pattern: Lexer.NA, label: 'an invalid character' });

// Categories group keywords that play one part in the grammar, so a rule consumes "any
// policy" or "any statement keyword" in one step, and the parser's drivers test membership.
const category = (name: string, label: string): TokenType => createToken({ name, pattern: Lexer.NA, label });
/** A category labelled with the words of its place, from the keyword table: `a policy (priority, fifo, rr or sjf)`. */
const listed = (name: Category, what: string): TokenType => category(name, `${what} (${listWords(wordsOf(name))})`);
export const PolicyValue = listed('PolicyValue', 'a policy');
export const ModelValue = listed('ModelValue', 'a model');
export const OnOffValue = category(
  'OnOffValue',
  wordsOf('OnOffValue')
    .map((w) => `'${w}'`)
    .join(' or '),
);
export const MutexKindValue = listed('MutexKindValue', 'a mutex kind');
export const ScenarioCostKey = listed('ScenarioCostKey', 'a scenario cost');
export const ProcessCostKey = listed('ProcessCostKey', 'a process cost');
export const ScenarioIntKey = category('ScenarioIntKey', 'a scenario setting');
export const ProcessIntKey = category('ProcessIntKey', 'a process setting');
export const ProcessOnOffKey = category('ProcessOnOffKey', 'a process setting');
export const AttrIntKey = category('AttrIntKey', 'a thread attribute');
export const AttrFlag = category('AttrFlag', 'a thread attribute');
export const TimedOp = category('TimedOp', 'a statement');
export const RefOp = category('RefOp', 'a statement');
export const BareOp = category('BareOp', 'a statement');
/** Keywords that start a statement, a scenario setting, a process setting, a declaration, a thread attribute. */
export const StmtStart = category('StmtStart', 'a statement');
export const ScenarioSettingStart = category('ScenarioSettingStart', 'a scenario setting');
export const ProcessSettingStart = category('ProcessSettingStart', 'a process setting');
export const DeclStart = category('DeclStart', 'a declaration');
export const AttrStart = category('AttrStart', 'a thread attribute');

/** The token category of each place of the keyword table that the lexer marks. */
const CATEGORY_TOKENS: Partial<Record<Category, TokenType>> = {
  PolicyValue,
  ModelValue,
  OnOffValue,
  MutexKindValue,
  ScenarioCostKey,
  ProcessCostKey,
  ScenarioIntKey,
  ProcessIntKey,
  ProcessOnOffKey,
  AttrIntKey,
  AttrFlag,
  TimedOp,
  RefOp,
  BareOp,
  StmtStart,
  ScenarioSettingStart,
  ProcessSettingStart,
  DeclStart,
  AttrStart,
};

/** The token type of every keyword, by word. */
export const KEYWORD_TOKENS: ReadonlyMap<string, TokenType> = new Map(
  KEYWORDS.map((k) => [
    k.word,
    createToken({
      name: k.word,
      pattern: Lexer.NA,
      label: `'${k.word}'`,
      categories: k.categories.flatMap((c) => CATEGORY_TOKENS[c] ?? []),
    }),
  ]),
);

/** The keyword token of `word`; throws for a word that is not a keyword (a programming error). */
export function kw(word: string): TokenType {
  const t = KEYWORD_TOKENS.get(word);
  if (!t) throw new Error(`not a keyword: ${word}`);
  return t;
}

const lexed: TokenType[] = [
  WhiteSpace,
  LineComment,
  BlockComment,
  BadComment,
  Ident,
  NumberWord,
  StringLit,
  BadString,
  LBrace,
  RBrace,
  LBracket,
  RBracket,
  Plus,
  Minus,
  DotDot,
];

/** Every token type the parser knows. */
export const ALL_TOKENS: TokenType[] = [
  ...lexed,
  Invalid,
  SizeValue,
  Int,
  Size,
  BadNumber,
  ...Object.values(CATEGORY_TOKENS),
  ...KEYWORD_TOKENS.values(),
];

const lexer = new Lexer(lexed, { positionTracking: 'full', ensureOptimizations: true });

export interface LexResult {
  tokens: IToken[];
  /** Comments, in order (for folding and formatting). */
  comments: IToken[];
}

const SIZE = /^[0-9]+[km]$/;
const INT = /^[0-9]+$/;

/** Lexes a text. Never fails: malformed input becomes tokens the parser reports. */
export function tokenize(text: string): LexResult {
  const r = lexer.tokenize(text);
  const tokens = r.errors.length === 0 ? r.tokens : withInvalid(text, r.tokens, r.errors);
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.tokenType === Ident) {
      const kt = KEYWORD_TOKENS.get(t.image);
      if (kt !== undefined) retype(t, kt);
    } else if (t.tokenType === NumberWord) {
      retype(t, INT.test(t.image) ? Int : SIZE.test(t.image) ? Size : BadNumber);
    }
  }
  return { tokens, comments: (r.groups.comments as IToken[] | undefined) ?? [] };
}

// The lexer drops characters no pattern matches and reports each run as an error; they come
// back as Invalid tokens in offset order. Such runs never span a line (whitespace matches).
function withInvalid(text: string, tokens: IToken[], errors: ILexingError[]): IToken[] {
  const out: IToken[] = [];
  let k = 0;
  for (const e of errors) {
    while (k < tokens.length && tokens[k].startOffset < e.offset) out.push(tokens[k++]);
    const line = e.line ?? 1;
    const column = e.column ?? 1;
    out.push(
      createTokenInstance(
        Invalid,
        text.substr(e.offset, e.length),
        e.offset,
        e.offset + e.length - 1,
        line,
        line,
        column,
        column + e.length - 1,
      ),
    );
  }
  while (k < tokens.length) out.push(tokens[k++]);
  return out;
}

function retype(t: IToken, type: TokenType): void {
  t.tokenType = type;
  t.tokenTypeIdx = type.tokenTypeIdx as number;
}
