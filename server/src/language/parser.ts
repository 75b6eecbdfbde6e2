/**
 * The parser (docs/reference/language.md §3): a Chevrotain EmbeddedActionsParser that builds the AST directly.
 *
 * Each statement, setting, declaration and thread attribute is a Chevrotain rule. The blocks
 * around them (file, scenario, process, thread header, statement block) are driven by plain
 * loops in `parser-drivers.ts`, which give the recovery docs/reference/language.md asks for: a rule that fails
 * leaves exactly one `syntax` issue, and parsing resumes at the next keyword that starts a
 * statement, setting or declaration, or at `}`. Chevrotain's own recovery is off, so no token
 * is ever invented (and none lacks a position).
 */
import { EmbeddedActionsParser, MismatchedTokenException, type IToken, type OrMethodOpts } from 'chevrotain';
import type { AttrName, AttrNode, DeclKind, DeclNode, FileNode } from './ast';
import type { IndexNode, IntLit, RefNode, SettingNode, StmtNode } from './ast';
import { msg, M_NUMBER, M_TICKS, M_DURATION, M_UPPER, M_NAME, M_INDEX, M_RBRACKET } from './parser-messages';
import { durationOf, identOf, intOf, sizeOf, stmtOf, wordOf } from './ast-build';
import { expectationMessages, joinSpans, tokenRange, tokenSpan, tokensSpan } from './spans';
import {
  ALL_TOKENS,
  AttrFlag,
  AttrIntKey,
  BareOp,
  DotDot,
  Ident,
  Int,
  kw,
  LBrace,
  LBracket,
  Minus,
  ModelValue,
  MutexKindValue,
  OnOffValue,
  Plus,
  PolicyValue,
  ProcessCostKey,
  ProcessIntKey,
  ProcessOnOffKey,
  RBracket,
  RefOp,
  ScenarioCostKey,
  ScenarioIntKey,
  SizeValue,
  TimedOp,
} from './tokens';

/** A name as declared: `m`, or `fork[5]`. */
export interface DeclaredName {
  name: ReturnType<typeof identOf>;
  size: IntLit | null;
}

/**
 * The grammar's rules. The drivers (block loops with recovery) live in `parser-drivers.ts`.
 *
 * Alternatives and optional parts are closures created once, in fields, and rules test
 * RECORDING_PHASE instead of wrapping their results in ACTION closures: a rule invocation then
 * allocates only the nodes it returns.
 */
export abstract class RuleParser extends EmbeddedActionsParser {
  constructor() {
    super(ALL_TOKENS, { recoveryEnabled: false, maxLookahead: 2, errorMessageProvider: expectationMessages });
  }

  /** The entry rule; its body is the file driver (not recorded: nothing to analyse). */
  public file = this.RULE('file', (): FileNode => {
    if (this.RECORDING_PHASE) return null as unknown as FileNode;
    return this.parseFile();
  });

  /** A statement block's contents after its `{`, through its `}`; implemented by the drivers. */
  protected abstract parseBlockBody(owner: string): StmtNode[];
  protected abstract parseFile(): FileNode;

  private readonly scenarioSettingAlts: OrMethodOpts<SettingNode> = {
    ERR_MSG: 'a scenario setting',
    DEF: [
      { ALT: () => this.intSetting(this.CONSUME(ScenarioIntKey), this.CONSUME1(Int, M_NUMBER)) },
      {
        ALT: () => {
          const k = this.CONSUME(kw('policy'));
          return this.wordSetting(k, this.CONSUME(PolicyValue));
        },
      },
      {
        ALT: () => {
          const k = this.CONSUME(kw('cost'));
          const which = this.CONSUME(ScenarioCostKey);
          return this.costSetting(k, which, this.CONSUME2(Int, M_TICKS));
        },
      },
    ],
  };

  public scenarioSetting = this.RULE('scenarioSetting', (): SettingNode => this.OR(this.scenarioSettingAlts));

  private readonly keep = (): IToken => {
    this.CONSUME(kw('keep'));
    return this.CONSUME3(Int, msg('how many stacks to keep'));
  };

  private readonly processSettingAlts: OrMethodOpts<SettingNode> = {
    ERR_MSG: 'a process setting',
    DEF: [
      { ALT: () => this.intSetting(this.CONSUME(ProcessIntKey), this.CONSUME1(Int, M_NUMBER)) },
      { ALT: () => this.wordSetting(this.CONSUME(kw('model')), this.CONSUME(ModelValue)) },
      { ALT: () => this.wordSetting(this.CONSUME(ProcessOnOffKey), this.CONSUME(OnOffValue)) },
      {
        ALT: () => {
          const k = this.CONSUME(kw('reaper'));
          const v = this.CONSUME2(Int, msg('a reaping period in ticks'));
          const keep = this.OPTION(this.keep);
          const s = this.intSetting(k, v);
          if (!keep) return s;
          const j = joinSpans(s, tokenSpan(keep));
          return {
            range: j.range,
            start: j.start,
            end: j.end,
            key: s.key,
            keySpan: s.keySpan,
            value: s.value,
            keep: intOf(keep),
          };
        },
      },
      {
        ALT: () => {
          const k = this.CONSUME(kw('cost'));
          const which = this.CONSUME(ProcessCostKey);
          return this.costSetting(k, which, this.CONSUME4(Int, M_TICKS));
        },
      },
    ],
  };

  public processSetting = this.RULE('processSetting', (): SettingNode => this.OR(this.processSettingAlts));

  private readonly protocolAlts = [
    { ALT: (): IToken[] => [this.CONSUME(kw('inherit'))] },
    { ALT: (): IToken[] => [this.CONSUME(kw('ceiling')), this.CONSUME1(Int, msg('a ceiling priority'))] },
  ];
  private readonly mutexKind = (): IToken => this.CONSUME(MutexKindValue);
  private readonly protocol = (): IToken[] => this.OR2(this.protocolAlts);

  private readonly declAlts: OrMethodOpts<DeclNode> = {
    ERR_MSG: 'a declaration',
    DEF: [
      {
        ALT: () => {
          const k = this.CONSUME(kw('mutex'));
          const n = this.SUBRULE(this.declName);
          const kind = this.OPTION(this.mutexKind);
          const protocol = this.OPTION2(this.protocol);
          if (this.RECORDING_PHASE) return null as unknown as DeclNode;
          const d = this.declBase('mutex', k, n);
          d.mutexKind = kind ? wordOf(kind) : null;
          d.protocol = protocol ? wordOf(protocol[0]) : null;
          d.ceiling = protocol && protocol[1] ? intOf(protocol[1]) : null;
          return d;
        },
      },
      {
        ALT: () => {
          const k = this.CONSUME(kw('condvar'));
          const n = this.SUBRULE2(this.declName);
          return this.RECORDING_PHASE ? (null as unknown as DeclNode) : this.declBase('condvar', k, n);
        },
      },
      {
        ALT: () => {
          const k = this.CONSUME(kw('semaphore'));
          const n = this.SUBRULE3(this.declName);
          const v = this.CONSUME2(Int, msg("the semaphore's initial count"));
          if (this.RECORDING_PHASE) return null as unknown as DeclNode;
          const d = this.declBase('semaphore', k, n);
          d.initial = intOf(v);
          return d;
        },
      },
    ],
  };

  public decl = this.RULE('decl', (): DeclNode => this.OR(this.declAlts));

  private readonly arraySize = (): IToken => {
    this.CONSUME(LBracket);
    const size = this.CONSUME(Int, msg('the array length'));
    this.CONSUME(RBracket);
    return size;
  };

  /** `Ident [ "[" Int "]" ]`. */
  public declName = this.RULE('declName', (): DeclaredName => {
    const id = this.CONSUME(Ident, M_NAME);
    const size = this.OPTION(this.arraySize);
    return { name: identOf(id), size: size ? intOf(size) : null };
  });

  private readonly attrAlts: OrMethodOpts<AttrNode> = {
    ERR_MSG: 'a thread attribute',
    DEF: [
      { ALT: () => this.attr(this.CONSUME(AttrIntKey), intOf(this.CONSUME(Int, M_NUMBER))) },
      { ALT: () => this.attr(this.CONSUME(AttrFlag), null) },
      {
        ALT: () =>
          this.attr(
            this.CONSUME(kw('stack')),
            sizeOf(this.CONSUME(SizeValue, msg('a stack size (8k, 1m or a number of bytes)'))),
          ),
      },
    ],
  };

  public threadAttr = this.RULE('threadAttr', (): AttrNode => this.OR(this.attrAlts));

  private readonly rangeEnd = (): IToken => {
    this.CONSUME(DotDot);
    return this.CONSUME2(Int, M_UPPER);
  };

  private readonly stmtAlts: OrMethodOpts<StmtNode> = {
    ERR_MSG: 'a statement',
    DEF: [
      {
        ALT: () => {
          const k = this.CONSUME(TimedOp);
          const a = this.CONSUME1(Int, M_DURATION);
          const b = this.OPTION(this.rangeEnd);
          return stmtOf(k, this.LA(0), durationOf(a, b), null, null, null, null);
        },
      },
      {
        ALT: () => {
          const k = this.CONSUME(BareOp);
          return stmtOf(k, k, null, null, null, null, null);
        },
      },
      {
        ALT: () => {
          const k = this.CONSUME(RefOp);
          const r = this.SUBRULE(this.ref);
          return stmtOf(k, this.LA(0), null, [r], null, null, null);
        },
      },
      {
        ALT: () => {
          const k = this.CONSUME(kw('wait'));
          const c = this.SUBRULE2(this.ref);
          const m = this.SUBRULE3(this.ref);
          return stmtOf(k, this.LA(0), null, [c, m], null, null, null);
        },
      },
      {
        ALT: () => {
          const k = this.CONSUME(kw('set_concurrency'));
          const n = this.CONSUME3(Int, msg('a concurrency level'));
          return stmtOf(k, n, null, null, intOf(n), null, null);
        },
      },
      {
        ALT: () => {
          const k = this.CONSUME(kw('stack_use'));
          const sz = this.CONSUME(SizeValue, msg('a size (8k, 1m or a number of bytes)'));
          return stmtOf(k, sz, null, null, null, sizeOf(sz), null);
        },
      },
      {
        ALT: () => {
          const k = this.CONSUME(kw('repeat'));
          const n = this.CONSUME4(Int, msg('a repeat count'));
          this.CONSUME(LBrace, msg("'{' to open the repeated block"));
          if (this.RECORDING_PHASE) return null as unknown as StmtNode;
          const body = this.parseBlockBody('the repeated block');
          return stmtOf(k, this.LA(0), null, null, intOf(n), null, body);
        },
      },
    ],
  };

  public stmt = this.RULE('stmt', (): StmtNode => this.OR(this.stmtAlts));

  private readonly indexAlts: OrMethodOpts<IndexNode> = {
    ERR_MSG: M_INDEX.ERR_MSG,
    DEF: [
      {
        ALT: () => {
          const t = this.CONSUME1(Int);
          const n = intOf(t);
          return { range: n.range, start: n.start, end: n.end, kind: 'literal', value: n };
        },
      },
      { ALT: () => this.SUBRULE(this.relativeIndex) },
    ],
  };

  private readonly index = (): IndexNode => {
    this.CONSUME(LBracket);
    const index = this.OR(this.indexAlts);
    this.CONSUME(RBracket, M_RBRACKET);
    return index;
  };

  /** `Ident [ "[" Index "]" ]`. */
  public ref = this.RULE('ref', (): RefNode => {
    const id = this.CONSUME(Ident, M_NAME);
    const index = this.OPTION(this.index) ?? null;
    if (this.RECORDING_PHASE) return null as unknown as RefNode;
    const last = this.LA(0);
    return { range: tokenRange(id, last), start: id.startOffset, end: last.endOffset! + 1, name: identOf(id), index };
  });

  private readonly signAlts = [{ ALT: () => this.CONSUME(Plus) }, { ALT: () => this.CONSUME(Minus) }];
  private readonly offset = (): IToken[] => [this.OR(this.signAlts), this.CONSUME(Int, M_NUMBER)];

  /** `i`, `i+N`, `i-N` (the thread's own index). */
  public relativeIndex = this.RULE('relativeIndex', (): IndexNode => {
    const i = this.CONSUME(Ident);
    if (!this.RECORDING_PHASE && i.image !== 'i') {
      throw new MismatchedTokenException(M_INDEX.ERR_MSG, i, this.LA(-1));
    }
    const off = this.OPTION(this.offset);
    if (this.RECORDING_PHASE) return null as unknown as IndexNode;
    const offsetLit = off ? intOf(off[1]) : null;
    const sign = off && off[0].tokenType === Minus ? -1 : 1;
    const last = this.LA(0);
    return {
      range: tokenRange(i, last),
      start: i.startOffset,
      end: last.endOffset! + 1,
      kind: 'relative',
      i: tokenSpan(i),
      offset: offsetLit ? sign * offsetLit.value : 0,
      offsetLit,
    };
  });

  private intSetting(k: IToken, v: IToken): SettingNode {
    return {
      range: tokenRange(k, v),
      start: k.startOffset,
      end: v.endOffset! + 1,
      key: k.tokenType.name,
      keySpan: tokenSpan(k),
      value: intOf(v),
      keep: null,
    };
  }

  private wordSetting(k: IToken, v: IToken): SettingNode {
    return {
      range: tokenRange(k, v),
      start: k.startOffset,
      end: v.endOffset! + 1,
      key: k.tokenType.name,
      keySpan: tokenSpan(k),
      value: wordOf(v),
      keep: null,
    };
  }

  private costSetting(k: IToken, which: IToken, v: IToken): SettingNode {
    return {
      range: tokenRange(k, v),
      start: k.startOffset,
      end: v.endOffset! + 1,
      key: `cost ${which.tokenType.name}`,
      keySpan: tokensSpan(k, which),
      value: intOf(v),
      keep: null,
    };
  }

  private attr(k: IToken, value: AttrNode['value']): AttrNode {
    const last = this.LA(0);
    return {
      range: tokenRange(k, last),
      start: k.startOffset,
      end: last.endOffset! + 1,
      name: k.tokenType.name as AttrName,
      keySpan: tokenSpan(k),
      value,
    };
  }

  private declBase(kind: DeclKind, k: IToken, n: DeclaredName): DeclNode {
    const last = this.LA(0);
    return {
      range: tokenRange(k, last),
      start: k.startOffset,
      end: last.endOffset! + 1,
      kind,
      name: n.name,
      size: n.size,
      mutexKind: null,
      protocol: null,
      ceiling: null,
      initial: null,
    };
  }
}
