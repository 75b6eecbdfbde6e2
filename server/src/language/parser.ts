/**
 * The parser (LANGUAGE.md §3): a Chevrotain EmbeddedActionsParser that builds the AST directly.
 *
 * Each statement, setting, declaration and thread attribute is a Chevrotain rule. The blocks
 * around them (file, scenario, process, thread header, statement block) are driven by plain
 * loops in `parser-drivers.ts`, which give the recovery LANGUAGE.md asks for: a rule that fails
 * leaves exactly one `syntax` issue, and parsing resumes at the next keyword that starts a
 * statement, setting or declaration, or at `}`. Chevrotain's own recovery is off, so no token
 * is ever invented (and none lacks a position).
 */
import { EmbeddedActionsParser, MismatchedTokenException, type IToken } from 'chevrotain';
import type { AttrName, AttrNode, DeclKind, DeclNode, FileNode, IndexNode, IntLit, RefNode, SettingNode, StmtNode } from './ast';
import { durationOf, identOf, intOf, sizeOf, stmtOf, wordOf } from './ast-build';
import { expectationMessages, joinSpans, tokenSpan, tokensSpan } from './spans';
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

const DURATION = 'a duration (ticks, or a range such as 2..7)';
const REF = 'a name';

/** The grammar's rules. The drivers (block loops with recovery) live in `parser-drivers.ts`. */
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

  public scenarioSetting = this.RULE('scenarioSetting', (): SettingNode =>
    this.OR({
      ERR_MSG: 'a scenario setting',
      DEF: [
        { ALT: () => this.intSetting(this.CONSUME(ScenarioIntKey), this.CONSUME1(Int, { ERR_MSG: 'a number' })) },
        {
          ALT: () => {
            const k = this.CONSUME(kw('policy'));
            const v = this.CONSUME(PolicyValue);
            return this.wordSetting(k, k, v);
          },
        },
        {
          ALT: () => {
            const k = this.CONSUME(kw('cost'));
            const which = this.CONSUME(ScenarioCostKey);
            const v = this.CONSUME2(Int, { ERR_MSG: 'a number of ticks' });
            return this.costSetting(k, which, v);
          },
        },
      ],
    }),
  );

  public processSetting = this.RULE('processSetting', (): SettingNode =>
    this.OR({
      ERR_MSG: 'a process setting',
      DEF: [
        { ALT: () => this.intSetting(this.CONSUME(ProcessIntKey), this.CONSUME1(Int, { ERR_MSG: 'a number' })) },
        {
          ALT: () => {
            const k = this.CONSUME(kw('model'));
            return this.wordSetting(k, k, this.CONSUME(ModelValue));
          },
        },
        {
          ALT: () => {
            const k = this.CONSUME(ProcessOnOffKey);
            return this.wordSetting(k, k, this.CONSUME(OnOffValue));
          },
        },
        {
          ALT: () => {
            const k = this.CONSUME(kw('reaper'));
            const v = this.CONSUME2(Int, { ERR_MSG: 'a reaping period in ticks' });
            let keep: IToken | undefined;
            this.OPTION(() => {
              this.CONSUME(kw('keep'));
              keep = this.CONSUME3(Int, { ERR_MSG: 'how many stacks to keep' });
            });
            const s = this.intSetting(k, v);
            return keep ? { ...s, ...joinSpans(s, tokenSpan(keep)), keep: intOf(keep) } : s;
          },
        },
        {
          ALT: () => {
            const k = this.CONSUME(kw('cost'));
            const which = this.CONSUME(ProcessCostKey);
            const v = this.CONSUME4(Int, { ERR_MSG: 'a number of ticks' });
            return this.costSetting(k, which, v);
          },
        },
      ],
    }),
  );

  public decl = this.RULE('decl', (): DeclNode =>
    this.OR({
      ERR_MSG: 'a declaration',
      DEF: [
        {
          ALT: () => {
            const k = this.CONSUME(kw('mutex'));
            const n = this.SUBRULE(this.declName);
            let kind: IToken | undefined;
            let protocol: IToken | undefined;
            let ceiling: IToken | undefined;
            this.OPTION(() => (kind = this.CONSUME(MutexKindValue)));
            this.OPTION2(() =>
              this.OR2([
                { ALT: () => (protocol = this.CONSUME(kw('inherit'))) },
                {
                  ALT: () => {
                    protocol = this.CONSUME(kw('ceiling'));
                    ceiling = this.CONSUME1(Int, { ERR_MSG: 'a ceiling priority' });
                  },
                },
              ]),
            );
            return this.ACTION(() => ({
              ...this.declBase('mutex', k, n),
              mutexKind: kind ? wordOf(kind) : null,
              protocol: protocol ? wordOf(protocol) : null,
              ceiling: ceiling ? intOf(ceiling) : null,
            }));
          },
        },
        {
          ALT: () => {
            const k = this.CONSUME(kw('condvar'));
            const n = this.SUBRULE2(this.declName);
            return this.ACTION(() => this.declBase('condvar', k, n));
          },
        },
        {
          ALT: () => {
            const k = this.CONSUME(kw('semaphore'));
            const n = this.SUBRULE3(this.declName);
            const v = this.CONSUME2(Int, { ERR_MSG: "the semaphore's initial count" });
            return this.ACTION(() => ({ ...this.declBase('semaphore', k, n), initial: intOf(v) }));
          },
        },
      ],
    }),
  );

  /** `Ident [ "[" Int "]" ]`. */
  public declName = this.RULE('declName', (): DeclaredName => {
    const id = this.CONSUME(Ident, { ERR_MSG: 'a name' });
    let size: IToken | undefined;
    this.OPTION(() => {
      this.CONSUME(LBracket);
      size = this.CONSUME(Int, { ERR_MSG: 'the array length' });
      this.CONSUME(RBracket);
    });
    return { name: identOf(id), size: size ? intOf(size) : null };
  });

  public threadAttr = this.RULE('threadAttr', (): AttrNode =>
    this.OR({
      ERR_MSG: 'a thread attribute',
      DEF: [
        {
          ALT: () => {
            const k = this.CONSUME(AttrIntKey);
            const v = this.CONSUME(Int, { ERR_MSG: 'a number' });
            return this.attr(k, intOf(v));
          },
        },
        { ALT: () => this.attr(this.CONSUME(AttrFlag), null) },
        {
          ALT: () => {
            const k = this.CONSUME(kw('stack'));
            return this.attr(k, sizeOf(this.CONSUME(SizeValue, { ERR_MSG: 'a stack size (8k, 1m or a number of bytes)' })));
          },
        },
      ],
    }),
  );

  public stmt = this.RULE('stmt', (): StmtNode =>
    this.OR({
      ERR_MSG: 'a statement',
      DEF: [
        {
          ALT: () => {
            const k = this.CONSUME(TimedOp);
            const a = this.CONSUME1(Int, { ERR_MSG: DURATION });
            let b: IToken | undefined;
            this.OPTION(() => {
              this.CONSUME(DotDot);
              b = this.CONSUME2(Int, { ERR_MSG: "the range's upper bound" });
            });
            return stmtOf(k, this.LA(0), { duration: durationOf(a, b) });
          },
        },
        { ALT: () => { const k = this.CONSUME(BareOp); return stmtOf(k, k, {}); } },
        {
          ALT: () => {
            const k = this.CONSUME(RefOp);
            const r = this.SUBRULE(this.ref);
            return this.ACTION(() => stmtOf(k, this.LA(0), { refs: [r] }));
          },
        },
        {
          ALT: () => {
            const k = this.CONSUME(kw('wait'));
            const c = this.SUBRULE2(this.ref);
            const m = this.SUBRULE3(this.ref);
            return this.ACTION(() => stmtOf(k, this.LA(0), { refs: [c, m] }));
          },
        },
        {
          ALT: () => {
            const k = this.CONSUME(kw('set_concurrency'));
            const n = this.CONSUME3(Int, { ERR_MSG: 'a concurrency level' });
            return stmtOf(k, n, { count: intOf(n) });
          },
        },
        {
          ALT: () => {
            const k = this.CONSUME(kw('stack_use'));
            const s = this.CONSUME(SizeValue, { ERR_MSG: 'a size (8k, 1m or a number of bytes)' });
            return stmtOf(k, s, { size: sizeOf(s) });
          },
        },
        {
          ALT: () => {
            const k = this.CONSUME(kw('repeat'));
            const n = this.CONSUME4(Int, { ERR_MSG: 'a repeat count' });
            this.CONSUME(LBrace, { ERR_MSG: "'{' to open the repeated block" });
            const body = this.ACTION(() => this.parseBlockBody('repeat'));
            return this.ACTION(() => stmtOf(k, this.LA(0), { count: intOf(n), body }));
          },
        },
      ],
    }),
  );

  /** `Ident [ "[" Index "]" ]`. */
  public ref = this.RULE('ref', (): RefNode => {
    const id = this.CONSUME(Ident, { ERR_MSG: REF });
    let index: IndexNode | null = null;
    this.OPTION(() => {
      this.CONSUME(LBracket);
      index = this.OR({
        ERR_MSG: 'an index (a number, i, i+N or i-N)',
        DEF: [
          {
            ALT: () => {
              const n = intOf(this.CONSUME1(Int));
              return { ...n, kind: 'literal' as const, value: n };
            },
          },
          { ALT: () => this.SUBRULE(this.relativeIndex) },
        ],
      });
      this.CONSUME(RBracket, { ERR_MSG: "']'" });
    });
    return this.ACTION(() => ({ ...tokensSpan(id, this.LA(0)), name: identOf(id), index }));
  });

  /** `i`, `i+N`, `i-N` (the thread's own index). */
  public relativeIndex = this.RULE('relativeIndex', (): IndexNode => {
    const i = this.CONSUME(Ident);
    this.ACTION(() => {
      if (i.image !== 'i') {
        throw new MismatchedTokenException('an index (a number, i, i+N or i-N)', i, this.LA(-1));
      }
    });
    let sign = 1;
    let n: IToken | undefined;
    this.OPTION(() => {
      this.OR([{ ALT: () => this.CONSUME(Plus) }, { ALT: () => (this.CONSUME(Minus), (sign = -1)) }]);
      n = this.CONSUME(Int, { ERR_MSG: 'a number' });
    });
    return this.ACTION(() => {
      const offsetLit = n ? intOf(n) : null;
      return { ...tokensSpan(i, this.LA(0)), kind: 'relative' as const, i: tokenSpan(i), offset: offsetLit ? sign * offsetLit.value : 0, offsetLit };
    });
  });

  private intSetting(k: IToken, v: IToken): SettingNode {
    const keySpan = tokenSpan(k);
    const value = intOf(v);
    return { ...joinSpans(keySpan, value), key: k.image, keySpan, value, keep: null };
  }

  private wordSetting(first: IToken, last: IToken, v: IToken): SettingNode {
    const keySpan = tokensSpan(first, last);
    const value = wordOf(v);
    return { ...joinSpans(keySpan, value), key: first.image, keySpan, value, keep: null };
  }

  private costSetting(k: IToken, which: IToken, v: IToken): SettingNode {
    const keySpan = tokensSpan(k, which);
    const value = intOf(v);
    return { ...joinSpans(keySpan, value), key: `cost ${which.image}`, keySpan, value, keep: null };
  }

  private attr(k: IToken, value: AttrNode['value']): AttrNode {
    const keySpan = tokenSpan(k);
    return { ...(value ? joinSpans(keySpan, value) : keySpan), name: k.image as AttrName, keySpan, value };
  }

  private declBase(kind: DeclKind, k: IToken, n: DeclaredName): DeclNode {
    return {
      ...tokensSpan(k, this.LA(0)),
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
