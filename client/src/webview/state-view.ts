/**
 * The state at the playhead, in words: what each CPU runs, who holds which mutex and who waits
 * for it, the other waits, lifted priorities, each process's run queue and the kernel's ready
 * queue. Long lists are cut with a count of the rest.
 */
import { el } from './dom';
import type { Snapshot, ThreadAt } from './snapshot';

/** Most entries shown in one list. */
const MAX_ITEMS = 60;

function list(label: string, items: string[], empty: string): HTMLElement {
  const shown = items.slice(0, MAX_ITEMS).map((t) => el('li', { text: t }));
  if (items.length > MAX_ITEMS)
    shown.push(el('li', { className: 'ts-empty', text: `and ${items.length - MAX_ITEMS} more` }));
  if (items.length === 0) shown.push(el('li', { className: 'ts-empty', text: empty }));
  return el('div', { className: 'ts-state-part' }, [el('h3', { text: label }), el('ul', {}, shown)]);
}

function who(th: ThreadAt, many: boolean): string {
  return many ? `${th.info.process}/${th.info.name}` : th.info.name;
}

/** The lines of each part of the state (pure: tested in Node). */
export function stateLines(
  snap: Snapshot,
): Record<'cpus' | 'holds' | 'waits' | 'lifted' | 'queues' | 'kernel', string[]> {
  const many = new Set(snap.threads.map((t) => t.info.process)).size > 1;
  const cpus = snap.cpus.map((c, i) =>
    c === null
      ? `CPU ${i}: idle`
      : c.state === 'overhead'
        ? `CPU ${i}: switching to ${c.process} LWP ${c.lwp}${c.thread ? ` (${c.thread})` : ''}`
        : `CPU ${i}: ${c.thread ?? '(no thread)'} ${c.state} · ${c.process} LWP ${c.lwp}`,
  );
  const waitersOf = new Map<string, string[]>();
  const waits: string[] = [];
  for (const th of snap.threads) {
    const since = `since t=${th.since}`;
    if (th.wait?.kind === 'mutex') {
      const k = `${th.info.process}\n${th.wait.names[0]}`;
      waitersOf.set(k, [...(waitersOf.get(k) ?? []), `${th.info.name}${th.state === 'spinning' ? ' (spinning)' : ''}`]);
    } else if (th.wait) waits.push(`${who(th, many)} waits for ${th.wait.kind} ${th.wait.names.join(', ')} ${since}`);
    else if (th.state === 'io') waits.push(`${who(th, many)} in io ${since}`);
    else if (th.state === 'sleeping') waits.push(`${who(th, many)} sleeping ${since}`);
  }
  const holds: string[] = [];
  const mutexes = new Set([...snap.owners.keys(), ...waitersOf.keys()]);
  for (const k of mutexes) {
    const [p, m] = k.split('\n');
    const owner = snap.owners.get(k);
    const ws = waitersOf.get(k) ?? [];
    const name = many ? `${p}/${m}` : m;
    holds.push(
      `${name}: ${owner !== undefined ? `held by ${owner}` : 'free'}${ws.length ? `; waiting: ${ws.join(', ')}` : ''}`,
    );
  }
  const lifted = snap.threads
    .filter((t) => t.lift !== null)
    .map((t) => {
      const kernel = t.lwp !== null && !t.info.bound ? '; its pool LWP keeps the process priority' : '';
      const how = t.lift!.kind === 'ceiling' ? `the ceiling of ${t.lift!.from}` : `inherited from ${t.lift!.from}`;
      return `${who(t, many)} at priority ${t.priority} (own ${t.info.base}), ${how}${kernel}`;
    });
  const queues = snap.runQueues.map(
    (q) =>
      `${q.process}: ${q.threads.length ? q.threads.map((t) => `${t.info.name} (${t.priority})`).join(' → ') : 'empty'}`,
  );
  const kernel = snap.kernelQueue.map(
    (q) => `${q.process} LWP ${q.lwp}${q.thread ? ` (${q.thread})` : ''}, priority ${q.priority}`,
  );
  return { cpus, holds, waits, lifted, queues, kernel };
}

export class StateView {
  readonly element = el('div', { className: 'ts-state', attrs: { 'aria-live': 'off' } });

  show(snap: Snapshot): void {
    const l = stateLines(snap);
    this.element.replaceChildren(
      el('h3', { className: 'ts-state-at', text: `State at t = ${snap.t}` }),
      list('CPUs', l.cpus, 'no CPU'),
      list('Mutexes held and waited for', l.holds, 'none held'),
      list('Other waits', l.waits, 'none'),
      list('Lifted priorities', l.lifted, 'none'),
      list('Run queues (ULTs waiting for an LWP, first to run first)', l.queues, 'no thread library'),
      list('Kernel ready queue (KLTs waiting for a CPU, shared by all CPUs)', l.kernel, 'empty'),
    );
  }
}
