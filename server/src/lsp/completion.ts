/**
 * Completion by context: the statements of a thread body, the settings and declarations of a
 * block, the values of an enumeration after its setting, thread attributes and mutex kinds
 * after a declaration's name, and the declared names of the right kind after `lock`, `wait`,
 * `signal`, `sem_wait`, `join`…
 */
import {
  CompletionItemKind,
  InsertTextFormat,
  type CompletionItem,
  type CompletionParams,
} from 'vscode-languageserver';
import { keywordInfo } from '../language/keywords';
import { cursorContext, type CursorContext, type Declared } from './completion-context';
import type { ServerContext } from './context';
import { inCommentOrString, type Token } from './lexed';
import { snippetsFor, type ScenarioSnippet } from './snippets';
import {
  MUTEX_KINDS,
  MUTEX_PROTOCOLS,
  OPERAND_KINDS,
  SETTING_VALUES,
  STARTERS,
  THREAD_ATTRS,
  VALUED_ATTRS,
} from './grammar-table';

function keywordItem(word: string, kind: CompletionItemKind, sort: string): CompletionItem {
  const info = keywordInfo(word);
  return {
    label: word,
    kind,
    detail: info?.roles.join(', '),
    documentation: info ? { kind: 'markdown', value: info.doc } : undefined,
    sortText: `${sort}${word}`,
  };
}

function nameItem(d: Declared, sort: string): CompletionItem {
  const shape = d.length === null ? d.kind : `${d.kind}[${d.length}]`;
  const flags = d.attrs.filter((a) => a === 'deferred' || a === 'bound');
  return {
    label: d.name,
    kind: d.kind === 'thread' ? CompletionItemKind.Class : CompletionItemKind.Variable,
    detail: flags.length ? `${shape} (${flags.join(', ')})` : shape,
    sortText: `${sort}${d.name}`,
  };
}

function snippetItem(s: ScenarioSnippet): CompletionItem {
  return {
    label: s.label,
    kind: CompletionItemKind.Snippet,
    detail: s.detail,
    insertText: s.body,
    insertTextFormat: InsertTextFormat.Snippet,
    // After the keywords: typing `process` still offers the keyword first.
    sortText: `2${s.label}`,
  };
}

/** The tokens not inside `[ … ]`. */
function outsideIndex(tokens: Token[]): Token[] {
  let depth = 0;
  return tokens.filter((t) => {
    if (t.text === '[') depth++;
    else if (t.text === ']') depth = Math.max(0, depth - 1);
    else return depth === 0;
    return false;
  });
}

/** The words that may follow the tokens written so far in the current construct. */
export function completionsAt(c: CursorContext): CompletionItem[] {
  const starters = () => STARTERS[c.block].map((w) => keywordItem(w, CompletionItemKind.Keyword, '1'));
  if (c.inIndex) return [{ label: 'i', kind: CompletionItemKind.Variable, detail: "the thread's own index" }];
  if (c.starter === null) {
    const snippets = c.block === 'file' || c.block === 'process' ? snippetsFor(c.block).map(snippetItem) : [];
    return [...starters(), ...snippets];
  }
  const words = outsideIndex(c.operands).filter((t) => t.kind === 'word');
  const last = c.operands[c.operands.length - 1];
  const values = SETTING_VALUES[c.block]?.[c.starter];
  if (values) {
    return c.operands.length === 0 ? values.map((w) => keywordItem(w, CompletionItemKind.EnumMember, '0')) : starters();
  }
  if (c.starter === 'reaper') {
    if (c.operands.length === 1) return [keywordItem('keep', CompletionItemKind.Keyword, '0'), ...starters()];
    return c.operands.length === 0 || last?.text === 'keep' ? [] : starters();
  }
  const operandKinds = OPERAND_KINDS[c.starter];
  if (c.block === 'body' && operandKinds) {
    // Operands are names, each optionally indexed: count the names written so far.
    const kind = operandKinds[words.length];
    if (!kind) return starters();
    const names = c.declared.filter((d) => d.kind === kind);
    if (c.starter === 'spawn') {
      return names.map((d) => nameItem(d, d.attrs.includes('deferred') ? '0' : '1'));
    }
    return names.map((d) => nameItem(d, '0'));
  }
  if (c.block === 'process' && c.starter === 'thread') {
    if (words.length === 0 || (last && last.kind === 'word' && VALUED_ATTRS.has(last.text))) return [];
    const used = new Set(words.map((w) => w.text));
    return THREAD_ATTRS.filter((a) => !used.has(a)).map((a) => keywordItem(a, CompletionItemKind.Property, '0'));
  }
  if (c.block === 'process' && c.starter === 'mutex') {
    if (words.length === 0 || last?.text === 'ceiling') return [];
    const used = new Set(words.map((w) => w.text));
    const hasKind = MUTEX_KINDS.some((k) => used.has(k));
    const hasProtocol = MUTEX_PROTOCOLS.some((p) => used.has(p));
    const items: CompletionItem[] = [];
    if (!hasKind && !hasProtocol)
      items.push(...MUTEX_KINDS.map((k) => keywordItem(k, CompletionItemKind.EnumMember, '0')));
    if (!hasProtocol) items.push(...MUTEX_PROTOCOLS.map((p) => keywordItem(p, CompletionItemKind.EnumMember, '0')));
    return [...items, ...starters()];
  }
  // A setting or statement with a number operand: nothing to offer before the number.
  return c.operands.length === 0 ? [] : starters();
}

/** Registers `textDocument/completion` (also triggered by a space and by `[`). */
export function registerCompletion(ctx: ServerContext): void {
  ctx.connection.onCompletion((params: CompletionParams): CompletionItem[] => {
    const doc = ctx.documents.get(params.textDocument.uri);
    if (!doc) return [];
    const text = doc.getText();
    const offset = doc.offsetAt(params.position);
    if (inCommentOrString(text, offset)) return [];
    const c = cursorContext(text, offset);
    const items = completionsAt(c);
    // After a space, only what completes the construct being written pops up, not the list
    // of every statement or setting (that would open after each word typed).
    if (params.context?.triggerCharacter === ' ') {
      return items.filter(
        (it) =>
          it.kind !== CompletionItemKind.Snippet &&
          !(it.kind === CompletionItemKind.Keyword && STARTERS[c.block].includes(it.label)),
      );
    }
    return items;
  });
}
