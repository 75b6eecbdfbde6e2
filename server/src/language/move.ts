/**
 * Copies of syntax trees moved in the text: every offset shifted by `dOffset` and every line by
 * `dLine` (a part of the text that starts at column 0 keeps its characters when the text before
 * it changes). One function per node type, building each node as the parser does (same fields,
 * same order), so a moved tree is indistinguishable from a freshly parsed one.
 */
import type {
  AttrNode,
  DeclNode,
  DurationNode,
  Ident,
  IndexNode,
  IntLit,
  ProcessNode,
  RefNode,
  ScenarioNode,
  SettingNode,
  SizeLit,
  Span,
  StmtNode,
  ThreadNode,
  Word,
} from './ast';
import type { Position, SourceRange } from './model';
import type { SyntaxIssue } from './parser-drivers';

/** Moves nodes by a fixed offset and line delta. */
export class Mover {
  constructor(
    private readonly dOffset: number,
    private readonly dLine: number,
  ) {}

  private pos(p: Position): Position {
    return { line: p.line + this.dLine, character: p.character };
  }

  private range(r: SourceRange): SourceRange {
    // Along its line, a node keeps its range: shared, as the parser shares positions already.
    if (this.dLine === 0) return r;
    return { start: this.pos(r.start), end: this.pos(r.end) };
  }

  span(s: Span): Span {
    return { range: this.range(s.range), start: s.start + this.dOffset, end: s.end + this.dOffset };
  }

  private ident(n: Ident): Ident {
    return { range: this.range(n.range), start: n.start + this.dOffset, end: n.end + this.dOffset, name: n.name };
  }

  private int(n: IntLit): IntLit {
    return {
      range: this.range(n.range),
      start: n.start + this.dOffset,
      end: n.end + this.dOffset,
      value: n.value,
      text: n.text,
    };
  }

  private intOrNull(n: IntLit | null): IntLit | null {
    return n ? this.int(n) : null;
  }

  private size(n: SizeLit): SizeLit {
    const d = this.dOffset;
    return {
      range: this.range(n.range),
      start: n.start + d,
      end: n.end + d,
      value: n.value,
      text: n.text,
      digits: n.digits,
    };
  }

  private word(n: Word): Word {
    return { range: this.range(n.range), start: n.start + this.dOffset, end: n.end + this.dOffset, word: n.word };
  }

  private wordOrNull(n: Word | null): Word | null {
    return n ? this.word(n) : null;
  }

  /** A syntax issue. */
  issue(i: SyntaxIssue): SyntaxIssue {
    const moved: SyntaxIssue = { message: i.message, span: this.span(i.span) };
    if (i.suggestion !== undefined) moved.suggestion = i.suggestion;
    return moved;
  }

  setting(n: SettingNode): SettingNode {
    const d = this.dOffset;
    return {
      range: this.range(n.range),
      start: n.start + d,
      end: n.end + d,
      key: n.key,
      keySpan: this.span(n.keySpan),
      value: 'word' in n.value ? this.word(n.value) : this.int(n.value),
      keep: this.intOrNull(n.keep),
    };
  }

  scenario(n: ScenarioNode): ScenarioNode {
    const d = this.dOffset;
    return {
      range: this.range(n.range),
      start: n.start + d,
      end: n.end + d,
      title: n.title,
      titleSpan: n.titleSpan ? this.span(n.titleSpan) : null,
      settings: n.settings.map((s) => this.setting(s)),
    };
  }

  process(n: ProcessNode): ProcessNode {
    const d = this.dOffset;
    return {
      range: this.range(n.range),
      start: n.start + d,
      end: n.end + d,
      name: n.name ? this.ident(n.name) : null,
      settings: n.settings.map((s) => this.setting(s)),
      decls: n.decls.map((x) => this.decl(x)),
      threads: n.threads.map((t) => this.thread(t)),
    };
  }

  private decl(n: DeclNode): DeclNode {
    const d = this.dOffset;
    return {
      range: this.range(n.range),
      start: n.start + d,
      end: n.end + d,
      kind: n.kind,
      name: this.ident(n.name),
      size: this.intOrNull(n.size),
      mutexKind: this.wordOrNull(n.mutexKind),
      protocol: this.wordOrNull(n.protocol),
      ceiling: this.intOrNull(n.ceiling),
      initial: this.intOrNull(n.initial),
    };
  }

  private attr(n: AttrNode): AttrNode {
    const d = this.dOffset;
    const v = n.value;
    return {
      range: this.range(n.range),
      start: n.start + d,
      end: n.end + d,
      name: n.name,
      keySpan: this.span(n.keySpan),
      value: v === null ? null : 'digits' in v ? this.size(v) : this.int(v),
    };
  }

  private thread(n: ThreadNode): ThreadNode {
    const d = this.dOffset;
    return {
      range: this.range(n.range),
      start: n.start + d,
      end: n.end + d,
      name: this.ident(n.name),
      size: this.intOrNull(n.size),
      attrs: n.attrs.map((a) => this.attr(a)),
      body: this.body(n.body),
    };
  }

  private body(list: StmtNode[]): StmtNode[] {
    return list.map((s) => this.stmt(s));
  }

  private stmt(n: StmtNode): StmtNode {
    const d = this.dOffset;
    return {
      range: this.range(n.range),
      start: n.start + d,
      end: n.end + d,
      op: n.op,
      keySpan: this.span(n.keySpan),
      duration: n.duration ? this.duration(n.duration) : null,
      refs: n.refs.map((r) => this.ref(r)),
      count: this.intOrNull(n.count),
      size: n.size ? this.size(n.size) : null,
      body: n.body ? this.body(n.body) : null,
    };
  }

  private duration(n: DurationNode): DurationNode {
    const d = this.dOffset;
    return {
      range: this.range(n.range),
      start: n.start + d,
      end: n.end + d,
      min: this.int(n.min),
      max: this.intOrNull(n.max),
    };
  }

  private ref(n: RefNode): RefNode {
    const d = this.dOffset;
    return {
      range: this.range(n.range),
      start: n.start + d,
      end: n.end + d,
      name: this.ident(n.name),
      index: n.index ? this.index(n.index) : null,
    };
  }

  private index(n: IndexNode): IndexNode {
    const d = this.dOffset;
    if (n.kind === 'literal') {
      const value = this.int(n.value);
      // The parser shares the literal's range with the index.
      return { range: value.range, start: n.start + d, end: n.end + d, kind: 'literal', value };
    }
    return {
      range: this.range(n.range),
      start: n.start + d,
      end: n.end + d,
      kind: 'relative',
      i: this.span(n.i),
      offset: n.offset,
      offsetLit: this.intOrNull(n.offsetLit),
    };
  }
}
