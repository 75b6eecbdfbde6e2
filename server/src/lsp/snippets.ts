/**
 * Scenario snippets: whole constructs that completion offers at the start of an item (at the
 * top level of a file, or in a process block), and that "Threadscape: New Scenario" inserts.
 * Bodies use the LSP/VS Code snippet syntax: `${1:default}` placeholders, `$1` mirrors, and
 * `${1|a,b|}` choices. Every expansion, with every choice, compiles without error (tested).
 * Plain data with no import, so the extension's client bundles it too.
 */

/** Where a snippet may be inserted: at the top level of a file, or inside a process block. */
export type SnippetPlace = 'file' | 'process';

export interface ScenarioSnippet {
  id: string;
  /** The completion label. */
  label: string;
  /** One line saying what it gives. */
  detail: string;
  place: SnippetPlace;
  body: string;
}

const lines = (...l: string[]): string => l.join('\n');

export const SNIPPETS: readonly ScenarioSnippet[] = [
  {
    id: 'scenario',
    label: 'scenario skeleton',
    detail: 'A scenario block and a process with one thread: a file to start from',
    place: 'file',
    body: lines(
      '// ${1:What this scenario shows, and what to watch for.}',
      'scenario "${2:My scenario}" {',
      '  cpus ${3:1}',
      '  policy ${4|priority,fifo,sjf,rr|}',
      '  quantum ${5:10}',
      '}',
      '',
      'process ${6:main} {',
      '  model ${7|many_to_many,one_to_one,many_to_one|}',
      '',
      '  thread ${8:worker} priority ${9:1} {',
      '    compute ${10:5}$0',
      '  }',
      '}',
    ),
  },
  {
    id: 'process-one-to-one',
    label: 'process one_to_one',
    detail: 'Every thread bound to its own LWP: the kernel sees each thread and its priority',
    place: 'file',
    body: lines(
      'process ${1:app} {',
      '  model one_to_one',
      '',
      '  thread ${2:high} priority ${3:2} {',
      '    compute ${4:3}',
      '  }',
      '  thread ${5:low} priority ${6:1} {',
      '    io ${7:5}',
      '    compute ${8:3}$0',
      '  }',
      '}',
    ),
  },
  {
    id: 'process-many-to-one',
    label: 'process many_to_one',
    detail: 'One LWP for every thread: a blocking io stops the whole process',
    place: 'file',
    body: lines(
      'process ${1:app} {',
      '  model many_to_one',
      '',
      '  thread ${2:reader} {',
      '    io ${3:10}',
      '  }',
      '  thread ${4:worker} {',
      '    compute ${5:3}$0',
      '  }',
      '}',
    ),
  },
  {
    id: 'process-many-to-many',
    label: 'process many_to_many',
    detail: 'Unbound threads on a pool of LWPs, grown by concurrency and SIGWAITING',
    place: 'file',
    body: lines(
      'process ${1:server} {',
      '  model many_to_many',
      '  lwps ${2:1}',
      '  concurrency ${3:2}',
      '  sigwaiting ${4|on,off|}',
      '',
      '  thread ${5:worker}[${6:4}] priority ${7:1} {',
      '    io ${8:10}',
      '    compute ${9:2}$0',
      '  }',
      '}',
    ),
  },
  {
    id: 'dining-table',
    label: 'dining table',
    detail: 'Philosophers and forks, each taking its left fork then its right: a deadlock to fix',
    place: 'file',
    body: lines(
      '// Each philosopher takes its left fork, then its right: a cycle of waits.',
      'process ${1:table} {',
      '  model one_to_one',
      '  mutex ${2:fork}[${3:5}] block',
      '',
      '  thread ${4:phil}[$3] {',
      '    compute ${5:1}',
      '    lock $2[i]',
      '    compute ${6:1}',
      '    lock $2[i+1]',
      '    compute ${7:3}',
      '    unlock $2[i+1]',
      '    unlock $2[i]$0',
      '  }',
      '}',
    ),
  },
  {
    id: 'producer-consumer',
    label: 'producer/consumer',
    detail: 'A consumer waits on a condition variable until the producer signals an item',
    place: 'file',
    body: lines(
      '// The consumer waits for each item; a signal sent while nobody waits is lost.',
      'process ${1:shop} {',
      '  model many_to_many',
      '  lwps 2',
      '  mutex ${2:shelf} block',
      '  condvar ${3:nonempty}',
      '',
      '  thread ${4:consumer} priority 2 {',
      '    repeat ${5:3} {',
      '      lock $2',
      '      wait $3 $2',
      '      compute ${6:1}',
      '      unlock $2',
      '    }',
      '  }',
      '  thread ${7:producer} priority 1 {',
      '    repeat $5 {',
      '      compute ${8:4}',
      '      lock $2',
      '      signal $3',
      '      unlock $2',
      '    }',
      '  }$0',
      '}',
    ),
  },
  {
    id: 'thread-array',
    label: 'thread array',
    detail: 'N threads with one body; inside it, i is each thread\u2019s own index',
    place: 'process',
    body: lines('thread ${1:worker}[${2:4}] priority ${3:1} {', '  compute ${4:2}$0', '}'),
  },
];

/** The snippets offered at `place`. */
export function snippetsFor(place: SnippetPlace): readonly ScenarioSnippet[] {
  return SNIPPETS.filter((s) => s.place === place);
}

/**
 * The text a snippet inserts when every placeholder keeps its default: a choice takes
 * `choice[id]` (its first option by default), a mirror repeats its placeholder's text, and
 * `$0` and escapes (`\$`, `\}`, `\\`) are resolved as an editor does.
 */
export function expandSnippet(body: string, choice: Record<number, string> = {}): string {
  const values = new Map<number, string>();
  // Defaults first, so a mirror written before its placeholder still takes its text.
  for (const m of body.matchAll(/\$\{(\d+):((?:[^{}\\]|\\.)*)\}/g)) values.set(Number(m[1]), m[2]);
  for (const m of body.matchAll(/\$\{(\d+)\|([^|]*)\|\}/g)) {
    const id = Number(m[1]);
    values.set(id, choice[id] ?? m[2].split(',')[0]);
  }
  return body.replace(
    /\$\{(\d+):((?:[^{}\\]|\\.)*)\}|\$\{(\d+)\|[^|]*\|\}|\$(\d+)|\\([$}\\])/g,
    (_all, a, def, b, c, esc) => {
      if (esc !== undefined) return esc as string;
      if (a !== undefined) return def as string;
      return values.get(Number(b ?? c)) ?? '';
    },
  );
}

/** The options of each choice placeholder of a snippet body, by placeholder number. */
export function snippetChoices(body: string): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const m of body.matchAll(/\$\{(\d+)\|([^|]*)\|\}/g)) out.set(Number(m[1]), m[2].split(','));
  return out;
}
