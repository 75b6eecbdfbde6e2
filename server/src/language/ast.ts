/**
 * The syntax tree of a `.threads` file, as the parser builds it (before any check).
 *
 * Every node has an LSP range (0-based line and UTF-16 character, end exclusive) and the
 * same span as offsets into the text (`start` inclusive, `end` exclusive). Every identifier
 * occurrence is its own `Ident` node: declaration names (`MutexDecl.name`, `ThreadNode.name`,
 * …) and references (`RefNode.name`) separately, so hover, go-to-definition and rename can work
 * from the tree alone. A part that failed to parse is absent (null), never a placeholder.
 */
import type { SourceRange, StmtOp } from './model';

/** The location every node carries. */
export interface Span {
  range: SourceRange;
  /** Offset of the first character. */
  start: number;
  /** Offset just past the last character. */
  end: number;
}

export interface Ident extends Span {
  name: string;
}

/** An integer as written; `value` may exceed 2³¹−1 (the checker reports it). */
export interface IntLit extends Span {
  value: number;
  /** The digits as written (leading zeros are reported by the checker). */
  text: string;
}

/** A size: `8k`, `1m` or a plain number of bytes. `value` is in bytes. */
export interface SizeLit extends Span {
  value: number;
  text: string;
  /** The number before the suffix. */
  digits: string;
}

/** A keyword used as a value (`rr`, `many_to_one`, `on`, `block`, …). */
export interface Word extends Span {
  word: string;
}

export interface FileNode extends Span {
  scenario: ScenarioNode | null;
  processes: ProcessNode[];
}

export interface ScenarioNode extends Span {
  /** The title without quotes, escapes resolved; null when it failed to parse. */
  title: string | null;
  titleSpan: Span | null;
  settings: SettingNode[];
}

/** The key of a setting: `cpus`, `policy`, … or `cost switch` for costs (keyed by their second word). */
export type SettingKey = string;

export interface SettingNode extends Span {
  /** `cpus`, `model`, `cost switch`, `reaper`, … */
  key: SettingKey;
  /** The keyword(s) naming the setting (`cost switch` spans both words). */
  keySpan: Span;
  /** The value: a number, or a keyword for policy, model and on/off settings. */
  value: IntLit | Word;
  /** `reaper N keep K`: K. */
  keep: IntLit | null;
}

export interface ProcessNode extends Span {
  name: Ident | null;
  settings: SettingNode[];
  decls: DeclNode[];
  threads: ThreadNode[];
}

export type DeclKind = 'mutex' | 'condvar' | 'semaphore';

export interface DeclNode extends Span {
  kind: DeclKind;
  name: Ident;
  /** `fork[5]`: the array length as written, or null for a single object. */
  size: IntLit | null;
  /** Mutex kind (block | spin | adaptive) as written. */
  mutexKind: Word | null;
  /** Mutex protocol: `inherit` or `ceiling`. */
  protocol: Word | null;
  /** The number after `ceiling`. */
  ceiling: IntLit | null;
  /** A semaphore's initial count. */
  initial: IntLit | null;
}

export type AttrName = 'priority' | 'bound' | 'pin' | 'stack' | 'at' | 'deferred';

export interface AttrNode extends Span {
  name: AttrName;
  keySpan: Span;
  value: IntLit | SizeLit | null;
}

export interface ThreadNode extends Span {
  name: Ident;
  size: IntLit | null;
  attrs: AttrNode[];
  body: StmtNode[];
}

/** A duration: `5` (max null) or `2..7`. */
export interface DurationNode extends Span {
  min: IntLit;
  max: IntLit | null;
}

/** `fork[2]`: a literal index. */
export interface LiteralIndex extends Span {
  kind: 'literal';
  value: IntLit;
}

/** `fork[i]`, `fork[i+1]`, `fork[i-1]`: relative to the thread's own index. */
export interface RelativeIndex extends Span {
  kind: 'relative';
  /** The `i` itself. */
  i: Span;
  /** +k or −k; 0 for a bare `i`. */
  offset: number;
  /** The number after the sign, when there is one. */
  offsetLit: IntLit | null;
}

export type IndexNode = LiteralIndex | RelativeIndex;

/** A reference to a declared object: `m`, `fork[i+1]`, `phil`. */
export interface RefNode extends Span {
  name: Ident;
  index: IndexNode | null;
}

export interface StmtNode extends Span {
  op: StmtOp;
  /** The statement's keyword. */
  keySpan: Span;
  /** compute, io, sleep. */
  duration: DurationNode | null;
  /** lock, unlock, signal, broadcast, sem_wait, sem_post, spawn, join: one; wait: condvar then mutex. */
  refs: RefNode[];
  /** set_concurrency N, repeat N. */
  count: IntLit | null;
  /** stack_use S. */
  size: SizeLit | null;
  /** repeat's block. */
  body: StmtNode[] | null;
}
