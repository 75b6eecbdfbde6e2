/**
 * Hover: a keyword explains its concept in the SunOS model and its default; a thread shows
 * its declaration and its metrics from the last simulation; a mutex its kind, protocol and
 * users; condvars, semaphores and processes what they are and who uses them.
 */
import type { Hover, HoverParams } from 'vscode-languageserver';
import { keywordInfo } from '../language/keywords';
import type { MutexModel, ProcessModel } from '../language/model';
import type { ThreadMetrics } from '../simulator/trace';
import { summarizeOutcome } from '../simulator/outcome';
import type { ServerContext } from './context';
import type { SimulationRecord, TextAnalysis } from './document-store';
import { rangeOf } from './positions';
import { lexed } from './lexed';
import { protocolName, statementHover, statementSiteAt } from './statement-hover';
import { declarationOfHit, hitAt, processName, symbolsOf, type Declaration, type SymbolTable } from './symbol-index';

/** Markdown for a keyword. */
export function keywordHover(word: string): string | null {
  const info = keywordInfo(word);
  if (!info) return null;
  return `**${word}** _(${info.roles.join(', ')})_\n\n${info.doc}`;
}

/** A size as the language writes it: `8k`, `1m`, or bytes. */
function formatSize(bytes: number): string {
  if (bytes > 0 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)}m`;
  if (bytes > 0 && bytes % 1024 === 0) return `${bytes / 1024}k`;
  return `${bytes} bytes`;
}

function metricsTable(rows: ThreadMetrics[]): string {
  const lines = [
    '| thread | state | cpu | ready | blocked | spin | finish |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const m of rows) {
    lines.push(
      `| ${m.name} | ${m.state} | ${m.cpuTime} | ${m.readyTime} | ${m.blockedTime} | ${m.spinTime} | ${m.finish ?? '—'} |`,
    );
  }
  return lines.join('\n');
}

/** Names of the threads (declared names, deduplicated) whose bodies reference `decl`. */
function users(idx: SymbolTable, decl: Declaration): string[] {
  const names: string[] = [];
  for (const r of idx.referencesTo(decl)) {
    const n = r.thread.size ? `${r.thread.name.name}[${r.thread.size.value}]` : r.thread.name.name;
    if (!names.includes(n)) names.push(n);
  }
  return names;
}

function processModel(a: TextAnalysis, name: string): ProcessModel | undefined {
  return a.compilation?.model?.processes.find((p) => p.name === name);
}

function threadHover(a: TextAnalysis, decl: Declaration, sim: SimulationRecord | undefined): string {
  const pm = processModel(a, processName(decl));
  const specs = pm?.threads.filter((t) => t.baseName === decl.name) ?? [];
  const head = decl.arrayLength === null ? `thread ${decl.name}` : `thread ${decl.name}[${decl.arrayLength}]`;
  const parts = [`\`${head}\` in process \`${processName(decl)}\``];
  const spec = specs[0];
  if (spec) {
    const mapping = spec.bound ? 'bound to an LWP of its own' : `unbound, multiplexed on the ${pm?.model} pool`;
    parts.push(
      `priority ${spec.priority}, ${mapping}${spec.pin !== null ? `, pinned to CPU ${spec.pin}` : ''}, ` +
        `stack ${formatSize(spec.stack)}, ${spec.deferred ? 'deferred (started by `spawn`)' : `created at t=${spec.at}`}`,
    );
    parts.push(
      spec.bound
        ? `Its KLT runs at its effective priority: ${spec.priority}, or what \`inherit\` or a \`ceiling\` raise it to; the kernel sees it.`
        : `The library schedules it at its effective priority (${spec.priority}, or what \`inherit\` or a \`ceiling\` raise it to); ` +
            `its KLT is a pool LWP that the kernel runs at process \`${processName(decl)}\`'s priority ${pm?.priority ?? 0}, ` +
            'whatever its effective priority (the kernel does not see ULT priorities).',
    );
  }
  if (sim) {
    const rows = sim.result.threads.filter(
      (m) => m.process === processName(decl) && specs.some((s) => s.name === m.name),
    );
    if (rows.length > 0) {
      const when = sim.version === a.version ? '' : ` (version ${sim.version})`;
      const limit = sim.stoppedAtLimit ? ', stopped at the time limit' : '';
      parts.push(`Last simulation${when}: ${summarizeOutcome(sim.result).text}${limit}\n\n${metricsTable(rows)}`);
      parts.push(...rows.flatMap((m) => runNotes(m, sim.result.endTime)));
    }
  } else {
    parts.push('_No simulation yet._');
  }
  return parts.join('\n\n');
}

/** What the last run says of one thread's priorities and of its wait at the end. */
function runNotes(m: ThreadMetrics, endTime: number): string[] {
  const notes: string[] = [];
  if (m.peakPriority !== m.priority) {
    notes.push(
      `\`${m.name}\`: effective priority up to ${m.peakPriority} in the library (raised from ${m.priority}); ` +
        `its KLT ran at ${m.peakKernelPriority === m.peakPriority ? `up to ${m.peakKernelPriority}` : `${m.peakKernelPriority} all along`}.`,
    );
  }
  if (m.waitingSince !== null) {
    const ticks = endTime - m.waitingSince;
    notes.push(
      `\`${m.name}\`: ${m.state} since t=${m.waitingSince}, ${ticks} tick${ticks === 1 ? '' : 's'} until the run ended at t=${endTime}.`,
    );
  }
  return notes;
}

function describeProtocol(m: MutexModel | undefined): string {
  if (!m) return '';
  const protocol = protocolName(m);
  return `${m.kind} mutex, ${m.protocol === 'none' ? `${protocol} (an owner keeps its own priority)` : protocol}`;
}

function syncHover(a: TextAnalysis, idx: SymbolTable, decl: Declaration): string {
  const head =
    decl.arrayLength === null ? `${decl.kind} ${decl.name}` : `${decl.kind} ${decl.name}[${decl.arrayLength}]`;
  const parts = [`\`${head}\` in process \`${processName(decl)}\``];
  const pm = processModel(a, processName(decl));
  if (decl.kind === 'mutex') {
    const m = pm?.mutexes.find((x) => x.baseName === decl.name);
    if (m) parts.push(describeProtocol(m));
  } else if (decl.kind === 'semaphore') {
    const s = pm?.semaphores.find((x) => x.baseName === decl.name);
    if (s) parts.push(`initial count ${s.initial}`);
  }
  const who = users(idx, decl);
  parts.push(who.length ? `Used by ${who.map((w) => `\`${w}\``).join(', ')}` : '_Not used by any thread._');
  return parts.join('\n\n');
}

function processHover(a: TextAnalysis, decl: Declaration): string {
  const pm = processModel(a, decl.name);
  const parts = [`\`process ${decl.name}\``];
  if (pm) {
    const pool =
      pm.model === 'many_to_many'
        ? `, ${pm.lwps} pool LWP(s) at kernel priority ${pm.priority}, concurrency ${pm.concurrency}, SIGWAITING ${pm.sigwaiting ? 'on' : 'off'}`
        : '';
    parts.push(`${pm.model}${pool}; ${pm.threads.length} thread(s), ${pm.mutexes.length} mutex(es)`);
  }
  return parts.join('\n\n');
}

/** Registers `textDocument/hover`. */
export function registerHover(ctx: ServerContext): void {
  ctx.connection.onHover((params: HoverParams): Hover | null => {
    const a = ctx.store.analysis(params.textDocument.uri);
    const doc = ctx.documents.get(params.textDocument.uri);
    if (!a || !doc) return null;
    const offset = doc.offsetAt(params.position);
    const idx = symbolsOf(a.compilation);
    if (idx) {
      const hit = hitAt(idx, offset);
      const decl = declarationOfHit(hit);
      if (hit && decl) {
        const range = rangeOf(hit.role === 'declaration' ? hit.decl.ident : hit.ref.ident);
        const value =
          decl.kind === 'thread'
            ? threadHover(a, decl, ctx.store.simulation(a.uri))
            : decl.kind === 'process'
              ? processHover(a, decl)
              : syncHover(a, idx, decl);
        return { contents: { kind: 'markdown', value }, range };
      }
    }
    // Tokens never span a line break unless they are comments, so the text up to the end of the
    // hovered line says what the word under the cursor is.
    const lineEnd = a.text.slice(offset).search(/[\r\n]/);
    const upTo = lineEnd < 0 ? a.text.length : offset + lineEnd;
    const token = lexed(a.text.slice(0, upTo)).find((t) => t.start <= offset && offset <= t.end);
    if (token?.kind !== 'word') return null;
    const c = a.compilation;
    const site = c?.model ? statementSiteAt(c.ast, c.model, offset) : null;
    const value = site ? statementHover(site) : keywordHover(token.text);
    if (!value) return null;
    return {
      contents: { kind: 'markdown', value },
      range: { start: doc.positionAt(token.start), end: doc.positionAt(token.end) },
    };
  });
}
