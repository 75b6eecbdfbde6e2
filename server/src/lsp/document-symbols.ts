/** The outline: the scenario, then each process with its sync objects and threads. */
import { SymbolKind, type DocumentSymbol, type DocumentSymbolParams } from 'vscode-languageserver';
import type { DeclNode, FileNode, ProcessNode, ThreadNode } from '../language/ast';
import type { ServerContext } from './context';
import { rangeOf } from './positions';

const DECL_KIND: Record<DeclNode['kind'], SymbolKind> = {
  mutex: SymbolKind.Object,
  condvar: SymbolKind.Event,
  semaphore: SymbolKind.Number,
};

function declSymbol(d: DeclNode): DocumentSymbol {
  const name = d.size ? `${d.name.name}[${d.size.value}]` : d.name.name;
  const detail =
    d.kind === 'mutex'
      ? ['mutex', d.mutexKind?.word, d.protocol?.word, d.ceiling?.text].filter(Boolean).join(' ')
      : d.kind === 'semaphore'
        ? `semaphore ${d.initial?.text ?? ''}`.trim()
        : d.kind;
  return { name, detail, kind: DECL_KIND[d.kind], range: rangeOf(d), selectionRange: rangeOf(d.name) };
}

function threadSymbol(t: ThreadNode): DocumentSymbol {
  const name = t.size ? `${t.name.name}[${t.size.value}]` : t.name.name;
  const detail = t.attrs.map((a) => (a.value ? `${a.name} ${a.value.text}` : a.name)).join(' ');
  return {
    name,
    detail: detail || 'thread',
    kind: SymbolKind.Function,
    range: rangeOf(t),
    selectionRange: rangeOf(t.name),
  };
}

function processSymbol(p: ProcessNode): DocumentSymbol | null {
  if (!p.name) return null;
  const model = p.settings.find((s) => s.key === 'model');
  const detail = model && 'word' in model.value ? model.value.word : 'process';
  const children = [...p.decls.map(declSymbol), ...p.threads.map(threadSymbol)].sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
  return {
    name: p.name.name,
    detail,
    kind: SymbolKind.Module,
    range: rangeOf(p),
    selectionRange: rangeOf(p.name),
    children,
  };
}

/** The hierarchical symbols of a syntax tree. */
export function documentSymbols(file: FileNode): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  const sc = file.scenario;
  if (sc) {
    out.push({
      name: sc.title ?? 'scenario',
      detail: 'scenario',
      kind: SymbolKind.Namespace,
      range: rangeOf(sc),
      selectionRange: rangeOf(sc.titleSpan ?? sc),
    });
  }
  for (const p of file.processes) {
    const s = processSymbol(p);
    if (s) out.push(s);
  }
  return out;
}

/** Registers `textDocument/documentSymbol`. */
export function registerDocumentSymbols(ctx: ServerContext): void {
  ctx.connection.onDocumentSymbol((params: DocumentSymbolParams): DocumentSymbol[] => {
    const ast = ctx.store.analysis(params.textDocument.uri)?.compilation?.ast;
    return ast ? documentSymbols(ast) : [];
  });
}
