/**
 * The block loops of the parser, with statement-level recovery (docs/reference/language.md §3):
 *
 * - a statement, setting, declaration or header that fails gives exactly one `syntax` issue;
 *   the loop then skips to the next keyword that starts a statement, setting or declaration,
 *   or to `}` (the "sync" tokens), and goes on;
 * - a token that cannot start anything where it stands is reported, skipped with what follows
 *   it up to the next sync token; while the parser is still recovering from the previous issue,
 *   such leftovers are skipped silently, so one mistake gives one diagnostic;
 * - a block left open is closed where a declaration (`thread`, `mutex`, `process`, …) or the
 *   end of the file appears: one issue, none if the parser was already recovering;
 * - a header that fails (`thread t priority x {`) resumes at its `{` when one follows before
 *   any sync token, so the body still parses.
 *
 * Every loop consumes at least one token per iteration or returns to a loop that does, so the
 * work is linear in the number of tokens; `counters` measures it for the tests.
 */
import {
  EOF,
  isRecognitionException,
  tokenMatcher,
  type IRecognitionException,
  type IToken,
  type ParserMethod,
  type TokenType,
} from 'chevrotain';
import type { AttrNode, FileNode, Ident, ProcessNode, ScenarioNode, Span, StmtNode, ThreadNode } from './ast';
import { identOf, unquote } from './ast-build';
import { RuleParser, type DeclaredName } from './parser';
import { escapeControls, firstControl } from './escape';
import { listWords, wordsOf } from './keywords';
import { describeToken, isEof, lastExpected, spanAfter, tokenSpan, tokensSpan } from './spans';
import { keywordsOf, suggestKeyword } from './suggest';
import {
  AttrStart,
  DeclStart,
  Ident as IdentToken,
  kw,
  LBrace,
  ProcessSettingStart,
  RBrace,
  ScenarioSettingStart,
  StmtStart,
  StringLit,
} from './tokens';

/** A syntax error found by the parser. */
export interface SyntaxIssue {
  message: string;
  span: Span;
  /** The keyword a misspelt word most likely stands for (the message asks "did you mean …?"). */
  suggestion?: string;
}

/** Work done by one parse, to check that it stays proportional to the input. */
export interface ParseCounters {
  /** Statements, settings, declarations and headers attempted. */
  items: number;
  /** Tokens skipped while recovering. */
  skipped: number;
}

/**
 * Where a parse of part of a file starts (`incremental.ts` parses a file block by block):
 * whether a scenario or a process came before, and the token of the next part (the parse stops
 * there, as the whole file's parse would leave the block it was in).
 */
export interface PartContext {
  afterItem: boolean;
  stopAt: IToken | null;
}

const WHOLE_FILE: PartContext = { afterItem: false, stopAt: null };

/** Statement blocks nested deeper than this are reported and skipped (no unbounded recursion). */
export const MAX_NESTING = 64;

const THREAD = kw('thread');
const PROCESS = kw('process');
const SCENARIO = kw('scenario');

/** What may start an item in each block, for suggesting a keyword in place of a misspelt word. */
const FILE_STARTS = [SCENARIO, PROCESS];
const SCENARIO_STARTS = [ScenarioSettingStart];
const PROCESS_STARTS = [ProcessSettingStart, DeclStart, THREAD];
const BODY_STARTS = [StmtStart];

function isSync(t: IToken): boolean {
  return (
    t.tokenType === RBrace ||
    tokenMatcher(t, StmtStart) ||
    tokenMatcher(t, ProcessSettingStart) ||
    tokenMatcher(t, ScenarioSettingStart) ||
    tokenMatcher(t, DeclStart) ||
    t.tokenType === THREAD ||
    t.tokenType === PROCESS ||
    t.tokenType === SCENARIO
  );
}

/** Tokens that end any block they appear in: a new declaration at an outer level. */
function closesBlock(t: IToken, inProcess: boolean): boolean {
  if (t.tokenType === PROCESS || t.tokenType === SCENARIO) return true;
  return !inProcess && (t.tokenType === THREAD || tokenMatcher(t, DeclStart));
}

class ThreadsParser extends RuleParser {
  issues: SyntaxIssue[] = [];
  counters: ParseCounters = { items: 0, skipped: 0 };
  private quiet = false;
  private depth = 0;
  private lastToken: IToken | undefined;
  private part: PartContext = WHOLE_FILE;

  constructor() {
    super();
    this.performSelfAnalysis();
  }

  /** Parses a token vector; the issues and counters describe this parse only. */
  run(tokens: IToken[], part: PartContext = WHOLE_FILE): FileNode {
    this.part = part;
    this.input = tokens;
    this.issues = [];
    this.counters = { items: 0, skipped: 0 };
    this.quiet = false;
    this.depth = 0;
    this.lastToken = tokens[tokens.length - 1];
    return this.file();
  }

  protected parseFile(): FileNode {
    let scenario: ScenarioNode | null = null;
    const processes: ProcessNode[] = [];
    for (;;) {
      const t = this.LA(1);
      if (t.tokenType === EOF || t === this.part.stopAt) break;
      if (t.tokenType === SCENARIO) {
        if (scenario || processes.length > 0 || this.part.afterItem) {
          this.report(t, 'a file has at most one scenario block, and it comes before every process');
          this.parseScenario();
        } else scenario = this.parseScenario();
      } else if (t.tokenType === PROCESS) processes.push(this.parseProcess());
      else this.garbage(t, "'scenario' or 'process'", FILE_STARTS);
    }
    const first = this.lastToken ? tokenSpan(this.input[0]) : spanAfter(undefined);
    return { ...first, scenario, processes };
  }

  private parseScenario(): ScenarioNode {
    const k = this.take();
    let title: IToken | null = null;
    this.counters.items++;
    try {
      title = this.CONSUME(StringLit, { ERR_MSG: 'a title in double quotes' });
      this.controlInString(title);
      this.CONSUME(LBrace, { ERR_MSG: "'{'" });
      this.quiet = false;
    } catch (e) {
      this.fail(e);
      this.resumeHeader();
    }
    const settings = [];
    for (;;) {
      const t = this.LA(1);
      if (t.tokenType === RBrace) {
        this.take();
        break;
      }
      if (t.tokenType === EOF || closesBlock(t, false)) {
        this.missingClose('the scenario block', t);
        break;
      }
      if (tokenMatcher(t, ScenarioSettingStart)) {
        const s = this.item(this.scenarioSetting);
        if (s) settings.push(s);
      } else this.garbage(t, `a scenario setting (${listWords(wordsOf('ScenarioSettingStart'))})`, SCENARIO_STARTS);
    }
    const titleSpan = title && title.tokenType === StringLit ? tokenSpan(title) : null;
    return {
      ...tokensSpan(k, this.LA(0)),
      title: titleSpan && title ? unquote(title.image) : null,
      titleSpan,
      settings,
    };
  }

  private parseProcess(): ProcessNode {
    const k = this.take();
    let name: Ident | null = null;
    this.counters.items++;
    try {
      name = identOf(this.CONSUME(IdentToken, { ERR_MSG: 'a process name' }));
      this.CONSUME(LBrace, { ERR_MSG: "'{'" });
      this.quiet = false;
    } catch (e) {
      this.fail(e);
      this.resumeHeader();
    }
    const node: ProcessNode = { ...tokenSpan(k), name, settings: [], decls: [], threads: [] };
    const owner = name ? `process '${name.name}'` : 'the process';
    for (;;) {
      const t = this.LA(1);
      if (t.tokenType === RBrace) {
        this.take();
        break;
      }
      if (t.tokenType === EOF || closesBlock(t, true)) {
        this.missingClose(owner, t);
        break;
      }
      if (tokenMatcher(t, ProcessSettingStart)) {
        const s = this.item(this.processSetting);
        if (s) node.settings.push(s);
      } else if (tokenMatcher(t, DeclStart)) {
        const d = this.item(this.decl);
        if (d) node.decls.push(d);
      } else if (t.tokenType === THREAD) {
        const th = this.parseThread();
        if (th) node.threads.push(th);
      } else this.garbage(t, 'a setting, a declaration or a thread', PROCESS_STARTS);
    }
    return { ...node, ...tokensSpan(k, this.LA(0)) };
  }

  private parseThread(): ThreadNode | null {
    const k = this.take();
    let name: DeclaredName | null = null;
    const attrs: AttrNode[] = [];
    this.counters.items++;
    try {
      name = this.SUBRULE(this.declName);
      while (tokenMatcher(this.LA(1), AttrStart)) attrs.push(this.SUBRULE(this.threadAttr));
      this.CONSUME(LBrace, { ERR_MSG: `'{' or a thread attribute (${wordsOf('AttrStart').join(', ')})` });
      this.quiet = false;
    } catch (e) {
      // Where the `{` was expected, a thread attribute was too.
      this.fail(e, [AttrStart]);
      // Without a `{` ahead, the body starts here only if a statement does.
      if (!this.resumeHeader() && !tokenMatcher(this.LA(1), StmtStart)) return null;
    }
    const body = this.parseBlockBody(name ? `the body of thread '${name.name.name}'` : 'the body of the thread');
    if (!name) return null;
    return { ...tokensSpan(k, this.LA(0)), name: name.name, size: name.size, attrs, body };
  }

  protected parseBlockBody(owner: string): StmtNode[] {
    const out: StmtNode[] = [];
    this.depth++;
    try {
      if (this.depth > MAX_NESTING) {
        this.report(this.LA(0), `blocks are nested more than ${MAX_NESTING} deep`);
        this.skipBalanced();
        return out;
      }
      for (;;) {
        const t = this.LA(1);
        if (t.tokenType === RBrace) {
          this.take();
          break;
        }
        if (t.tokenType === EOF || closesBlock(t, false)) {
          this.missingClose(owner, t);
          break;
        }
        if (tokenMatcher(t, StmtStart)) {
          const s = this.item(this.stmt);
          if (s) out.push(s);
        } else this.garbage(t, 'a statement', BODY_STARTS);
      }
    } finally {
      this.depth--;
    }
    return out;
  }

  /** Runs one rule; on failure reports it once and skips to the next sync token. */
  private item<T>(rule: ParserMethod<[], T>): T | null {
    this.counters.items++;
    try {
      const r = this.SUBRULE(rule);
      this.quiet = false;
      return r;
    } catch (e) {
      this.fail(e);
      this.skipToSync();
      return null;
    }
  }

  /** Reports a failed rule; `also` adds what the enclosing loop would have taken instead. */
  private fail(e: unknown, also: readonly TokenType[] = []): void {
    if (!(e instanceof Error) || !isRecognitionException(e)) throw e;
    const re = e as IRecognitionException & { previousToken?: IToken };
    const prev = re.previousToken;
    const after =
      prev && !isEof(prev) && prev.image
        ? ` after '${escapeControls(prev.image.length > 24 ? prev.image.slice(0, 24) + '…' : prev.image)}'`
        : '';
    const expected = [...lastExpected.types, ...also];
    this.report(re.token, `expected ${re.message}${after}, found ${describeToken(re.token)}`, expected);
  }

  /** A control character in a string is a syntax error at the character (one per string). */
  private controlInString(t: IToken): void {
    const k = firstControl(t.image);
    if (k < 0) return;
    // A string token never spans lines.
    const at = { line: t.startLine! - 1, character: t.startColumn! - 1 + k };
    const code = t.image.charCodeAt(k).toString(16).padStart(2, '0');
    this.issues.push({
      message: `a string may not contain control characters: found \\x${code}`,
      span: {
        range: { start: at, end: { line: at.line, character: at.character + 1 } },
        start: t.startOffset + k,
        end: t.startOffset + k + 1,
      },
    });
  }

  /** Reports an issue at `t`; when `t` is a misspelling of a keyword of `expected`, suggests it. */
  private report(t: IToken, message: string, expected: readonly TokenType[] = []): void {
    const suggestion =
      expected.length > 0 && t.tokenType === IdentToken ? suggestKeyword(t.image, keywordsOf(expected)) : null;
    const span = isEof(t) ? spanAfter(this.lastToken) : tokenSpan(t);
    this.issues.push(
      suggestion ? { message: `${message}; did you mean '${suggestion}'?`, span, suggestion } : { message, span },
    );
    this.quiet = true;
  }

  private missingClose(owner: string, t: IToken): void {
    if (!this.quiet) this.report(t, `expected '}' to close ${owner}, found ${describeToken(t)}`);
  }

  private garbage(t: IToken, expected: string, starts: readonly TokenType[]): void {
    if (!this.quiet) this.report(t, `expected ${expected}, found ${describeToken(t)}`, starts);
    this.quiet = true;
    this.take();
    this.counters.skipped++;
    this.skipToSync();
  }

  /** After a failed header: skips to its `{` (consumed; true) or stops at a sync token (false). */
  private resumeHeader(): boolean {
    for (;;) {
      const t = this.LA(1);
      if (t.tokenType === LBrace) {
        this.take();
        return true;
      }
      if (t.tokenType === EOF || isSync(t)) return false;
      this.take();
      this.counters.skipped++;
    }
  }

  private skipToSync(): void {
    for (let t = this.LA(1); t.tokenType !== EOF && !isSync(t); t = this.LA(1)) {
      this.take();
      this.counters.skipped++;
    }
  }

  /** Skips to the `}` that closes the current block (inclusive), or to the end. */
  private skipBalanced(): void {
    let open = 1;
    for (let t = this.LA(1); t.tokenType !== EOF; t = this.LA(1)) {
      this.take();
      this.counters.skipped++;
      if (t.tokenType === LBrace) open++;
      else if (t.tokenType === RBrace && --open === 0) return;
    }
  }

  private take(): IToken {
    const t = this.LA(1);
    this.SKIP_TOKEN();
    return t;
  }
}

let instance: ThreadsParser | undefined;

/** The parser, built once (building it analyses the grammar, which takes milliseconds). */
export function parser(): {
  run(tokens: IToken[], part?: PartContext): FileNode;
  issues: SyntaxIssue[];
  counters: ParseCounters;
} {
  instance ??= new ThreadsParser();
  return instance;
}
