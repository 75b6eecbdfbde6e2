/**
 * Compilation of successive versions of one text, reusing the parse of every part that did not
 * change (a part is a top-level block and what follows it up to the next one, `blocks.ts`).
 *
 * A part's parse depends on its text, on whether a scenario or process came before it (a later
 * `scenario` is an error), and on the keyword that starts the next part (where an unclosed block
 * is reported). With those equal, its syntax tree and syntax issues are those of the previous
 * version, moved by the change in offset and line when the text before it grew or shrank.
 * The parts' trees are joined into the file's tree and checked and lowered as `compile` does,
 * so the result is the same as `compile(text)`'s, field for field.
 */
import { createTokenInstance, type IToken } from 'chevrotain';
import type { FileNode, ProcessNode, ScenarioNode } from './ast';
import { lineBreaks, splitParts, type TextPart } from './blocks';
import { compileTree, type Compilation, type ProcessCaches } from './compile-tree';
import { Mover } from './move';
import { parse } from './parse';
import { MAX_NESTING, parser, type SyntaxIssue } from './parser-drivers';
import { kw, tokenize } from './tokens';

/** A parsed part, at the place it had in the version that parsed or last moved it. */
interface ParsedPart {
  /** The part's text. */
  text: string;
  offset: number;
  line: number;
  /** Line breaks in the text. */
  breaks: number;
  scenario: ScenarioNode | null;
  processes: ProcessNode[];
  issues: SyntaxIssue[];
}

const NESTING = `blocks are nested more than ${MAX_NESTING} deep`;

/** Compiles versions of one document; keeps the parts of the last version only. */
export class IncrementalCompiler {
  private parts = new Map<string, ParsedPart[]>();
  private readonly caches: ProcessCaches = { symbols: new WeakMap(), checked: new WeakMap(), lowered: new WeakMap() };
  /** Parts parsed (not reused) by the last `compile`, for tests and measurements. */
  reparsed = 0;

  /** The same result as `compile(text)`. */
  compile(text: string): Compilation {
    const previous = this.parts;
    const next = new Map<string, ParsedPart[]>();
    let scenario: ScenarioNode | null = null;
    const processes: ProcessNode[] = [];
    const issues: SyntaxIssue[] = [];
    let afterItem = false;
    let line = 0;
    this.reparsed = 0;
    for (const part of splitParts(text)) {
      // Looked up by context, length and first characters, then compared in full: no copy
      // of the text is made for a part that did not change.
      const length = part.end - part.start;
      const key: string = `${afterItem ? 1 : 0}${part.next ? `${part.next.word[0]}${part.next.indent}` : '$'}${length}|${text.slice(part.start, part.start + Math.min(length, 80))}`;
      const p: ParsedPart = this.reuse(previous, key, text, part, line) ?? this.parsePart(text, part, line, afterItem);
      line += p.breaks;
      if (p.issues.some((i) => i.message === NESTING)) {
        // A block nested too deep is skipped to its closing brace, which may lie in a later part.
        return this.whole(text);
      }
      const list = next.get(key);
      if (list) list.push(p);
      else next.set(key, [p]);
      if (p.scenario && !scenario && !afterItem) scenario = p.scenario;
      for (const proc of p.processes) processes.push(proc);
      for (const i of p.issues) issues.push(i);
      afterItem ||= p.scenario !== null || p.processes.length > 0;
    }
    this.parts = next;
    const ast: FileNode = {
      // The end of the text: after its last line break (`endOf` without another pass).
      range: {
        start: { line: 0, character: 0 },
        end: { line, character: text.length - lastLineStart(text) },
      },
      start: 0,
      end: text.length,
      scenario,
      processes,
    };
    return compileTree(ast, issues, this.caches);
  }

  private whole(text: string): Compilation {
    this.parts = new Map();
    this.reparsed = -1;
    const { ast, issues } = parse(text);
    return compileTree(ast, issues);
  }

  private reuse(
    previous: Map<string, ParsedPart[]>,
    key: string,
    text: string,
    part: TextPart,
    line: number,
  ): ParsedPart | null {
    const list = previous.get(key);
    if (!list || list.length === 0) return null;
    let at = -1;
    for (let k = 0; k < list.length; k++) {
      const q = list[k];
      if (!text.startsWith(q.text, part.start)) continue;
      at = k;
      if (q.offset === part.start && q.line === line) break;
    }
    if (at < 0) return null;
    const p = list.splice(at, 1)[0];
    if (p.offset === part.start && p.line === line) return p;
    const m = new Mover(part.start - p.offset, line - p.line);
    const processes = p.processes.map((x) => m.process(x));
    if (line === p.line) {
      // Moved along its line only: checks and lowering see ranges (lines and characters), not
      // offsets, so their results stand for the moved nodes.
      const { checked, lowered } = this.caches;
      p.processes.forEach((old, k) => {
        const c = checked.get(old);
        if (c) checked.set(processes[k], c);
        const l = lowered.get(old);
        if (l) lowered.set(processes[k], l);
      });
    }
    return {
      text: p.text,
      offset: part.start,
      line,
      breaks: p.breaks,
      scenario: p.scenario && m.scenario(p.scenario),
      processes,
      issues: p.issues.map((x) => m.issue(x)),
    };
  }

  private parsePart(text: string, part: TextPart, line: number, afterItem: boolean): ParsedPart {
    this.reparsed++;
    const slice = text.slice(part.start, part.end);
    const breaks = lineBreaks(text, part.start, part.end);
    const { tokens } = tokenize(slice);
    for (const t of tokens) {
      t.startOffset += part.start;
      t.endOffset! += part.start;
      t.startLine! += line;
      t.endLine! += line;
    }
    let stopAt: IToken | null = null;
    if (part.next) {
      // The next part's keyword, where the whole file's parse would leave this part.
      const { word, indent } = part.next;
      const offset = part.end + indent;
      // 1-based: the line after this part's last line break.
      const at = line + breaks + 1;
      stopAt = createTokenInstance(
        kw(word),
        word,
        offset,
        offset + word.length - 1,
        at,
        at,
        indent + 1,
        indent + word.length,
      );
      tokens.push(stopAt);
    }
    const p = parser();
    const ast = p.run(tokens, { afterItem, stopAt });
    return {
      text: slice,
      offset: part.start,
      line,
      breaks,
      scenario: ast.scenario,
      processes: ast.processes,
      issues: p.issues,
    };
  }
}

/** The offset where the text's last line starts. */
function lastLineStart(text: string): number {
  let k = text.length;
  while (k > 0 && text.charCodeAt(k - 1) !== 10 && text.charCodeAt(k - 1) !== 13) k--;
  return k;
}
