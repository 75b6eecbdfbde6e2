/**
 * Where the cursor is, grammatically, in possibly broken text: the enclosing block, the
 * setting/declaration/statement being written and its operands so far, and the declarations
 * of the enclosing process. Built on the language's lexer, which never fails, so it works while
 * typing.
 */
import { lexed, type Token } from './lexed';
import { wordsOf } from '../language/keywords';
import { STARTERS, type BlockKind, type NameKind } from './grammar-table';

export interface Declared {
  kind: NameKind;
  name: string;
  /** Array length, or null. */
  length: number | null;
  /** Thread attributes written in the header (`deferred`, `bound`…), for details. */
  attrs: string[];
}

export interface CursorContext {
  block: BlockKind;
  /** The keyword that started the current construct in the block, or null at a fresh start. */
  starter: string | null;
  /** Tokens after the starter, up to the cursor (the word being typed excluded). */
  operands: Token[];
  /** True inside `[ … ]`. */
  inIndex: boolean;
  /** Offset where the word being typed starts (the cursor when none). */
  wordStart: number;
  /** Declarations of the enclosing process (empty outside a process). */
  declared: Declared[];
}

interface Frame {
  kind: BlockKind | 'other';
  starter: string | null;
  operands: Token[];
  /** Index of the `{` token (−1 for the file). */
  open: number;
}

/** The grammatical context at `offset`. */
export function cursorContext(text: string, offset: number): CursorContext {
  const tokens = lexed(text);
  let wordStart = offset;
  const stack: Frame[] = [{ kind: 'file', starter: null, operands: [], open: -1 }];
  let brackets = 0;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.start >= offset) break;
    if (t.end >= offset && t.kind === 'word') {
      wordStart = t.start; // the word being typed
      break;
    }
    const top = stack[stack.length - 1];
    if (t.text === '{') {
      const kind: Frame['kind'] =
        top.starter === 'scenario'
          ? 'scenario'
          : top.starter === 'process'
            ? 'process'
            : top.starter === 'thread' || top.starter === 'repeat'
              ? 'body'
              : 'other';
      stack.push({ kind, starter: null, operands: [], open: k });
      brackets = 0;
    } else if (t.text === '}') {
      if (stack.length > 1) stack.pop();
      const parent = stack[stack.length - 1];
      parent.starter = null;
      parent.operands = [];
      brackets = 0;
    } else if (t.text === '[') {
      brackets++;
      top.operands.push(t);
    } else if (t.text === ']') {
      brackets = Math.max(0, brackets - 1);
      top.operands.push(t);
    } else if (
      t.kind === 'word' &&
      top.kind !== 'other' &&
      STARTERS[top.kind].includes(t.text) &&
      !(top.kind === 'process' && top.starter === 'thread')
    ) {
      // A keyword also ends an index left open (only `i`, numbers and signs go inside one).
      brackets = 0;
      top.starter = t.text;
      top.operands = [];
    } else {
      top.operands.push(t);
    }
  }
  const top = stack[stack.length - 1];
  const processFrame = stack.find((f) => f.kind === 'process');
  return {
    block: top.kind === 'other' ? 'body' : top.kind,
    starter: top.kind === 'other' ? null : top.starter,
    operands: top.operands,
    inIndex: brackets > 0,
    wordStart,
    declared: processFrame ? declarationsOf(tokens, processFrame.open) : [],
  };
}

/** The keywords that declare a name in a process. */
const DECLARERS = [...wordsOf('DeclStart'), ...wordsOf('ThreadDecl')];

/** Declarations directly inside the process block opened at token `open`. */
function declarationsOf(tokens: Token[], open: number): Declared[] {
  const out: Declared[] = [];
  let depth = 0;
  for (let k = open + 1; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.text === '{') depth++;
    else if (t.text === '}') {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && t.kind === 'word' && DECLARERS.includes(t.text)) {
      const name = tokens[k + 1];
      if (name?.kind !== 'word') continue;
      let length: number | null = null;
      let j = k + 2;
      if (tokens[j]?.text === '[' && tokens[j + 1]?.kind === 'number' && tokens[j + 2]?.text === ']') {
        length = Number(tokens[j + 1].text);
        j += 3;
      }
      const attrs: string[] = [];
      if (t.text === 'thread') {
        for (; j < tokens.length && tokens[j].text !== '{' && tokens[j].text !== '}'; j++) {
          if (tokens[j].kind === 'word') attrs.push(tokens[j].text);
        }
      }
      out.push({ kind: t.text as NameKind, name: name.text, length, attrs });
    }
  }
  return out;
}
