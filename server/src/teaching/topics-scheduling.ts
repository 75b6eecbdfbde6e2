/**
 * The kernel scheduling topics: fifo, sjf, rr and priority. Compute-only jobs, each a
 * one_to_one thread (so the kernel schedules the jobs themselves), no switch cost unless the
 * topic is about it: the numbers of the classic scheduling exercises (docs/reference/cli.md).
 */
import type { AskedQuestion, Draft } from './draft';
import type { RunView } from './queries';
import { busyInstant } from './instants';
import { Draws, scenarioText, spoken, type ThreadText } from './scenario-text';

interface Job {
  name: string;
  at: number;
  length: number;
  priority?: number;
}

const NAMES = ['A', 'B', 'C', 'D', 'E'];

/** Arrival times: all at 0, or from 0 with gaps of 1..maxGap (increasing). */
function arrivals(draws: Draws, n: number, together: boolean, maxGap: number): number[] {
  const out = [0];
  for (let k = 1; k < n; k++) out.push(together ? 0 : out[k - 1] + draws.int(1, maxGap));
  return out;
}

function jobThreads(jobs: Job[]): ThreadText[] {
  return jobs.map((j) => ({
    name: j.name,
    attrs: `${j.priority !== undefined ? `priority ${j.priority} ` : ''}at ${j.at}`,
    body: [`compute ${j.length}`],
  }));
}

function describe(jobs: Job[]): string {
  const together = jobs.every((j) => j.at === 0);
  const list = spoken(
    jobs.map((j) => `${j.name} (${j.length} ticks${j.priority !== undefined ? `, priority ${j.priority}` : ''})`),
  );
  return together
    ? `Jobs ${list} all arrive at t=0, in that order.`
    : `Jobs ${list} arrive at t=${jobs.map((j) => j.at).join(', ')} respectively.`;
}

function jobsScenario(title: string, settings: string[], jobs: Job[]): string {
  return scenarioText(
    title,
    ['cpus 1', ...settings],
    [{ name: 'jobs', settings: ['model one_to_one'], threads: jobThreads(jobs) }],
  );
}

function drawJobs(draws: Draws, together: boolean, maxGap: number, lengths: [number, number]): Job[] {
  const n = draws.int(3, 5);
  // Declaration order is not arrival order: who comes first is part of the exercise.
  const at = draws.shuffled(arrivals(draws, n, together, maxGap));
  const len = draws.distinct(n, lengths[0], lengths[1]);
  return at.map((t, k) => ({ name: NAMES[k], at: t, length: len[k] }));
}

function common(jobs: Job[], run: RunView, draws: Draws): AskedQuestion[] {
  const names = jobs.map((j) => j.name);
  const t = busyInstant(run, draws);
  return [
    { text: 'In which order do the jobs finish?', query: { kind: 'completion-order' } },
    { text: 'At what tick does each job finish?', query: { kind: 'metric', metric: 'finish', threads: names } },
    {
      text: 'What is the average turnaround time (finish − arrival), to two decimals?',
      query: { kind: 'average', metric: 'turnaround', threads: names },
    },
    {
      text: `Which job is on the CPU during tick ${t} (from t=${t} to t=${t + 1})?`,
      query: { kind: 'running-at', cpu: 0, t },
    },
  ];
}

/** A jobs topic: the common questions, then the topic's own. */
function jobsDraft(title: string, settings: string[], jobs: Job[], rule: string, extra: AskedQuestion[]): Draft {
  return {
    title: `${title}, ${jobs.length} jobs on one CPU`,
    intro: [`${describe(jobs)} ${rule}`],
    scenario: jobsScenario(title, settings, jobs),
    ask: (run, d) => [...common(jobs, run, d), ...extra],
  };
}

function perJob(text: string, metric: 'response' | 'waiting', jobs: Job[]): AskedQuestion {
  return { text, query: { kind: 'metric', metric, threads: jobs.map((j) => j.name) } };
}

export function fifo(draws: Draws): Draft {
  const jobs = drawJobs(draws, draws.chance(0.25), 6, [2, 20]);
  const rule =
    'Policy fifo runs each job to its end, in the order the jobs arrive (jobs that arrive together, in the order they are declared). No switch costs.';
  return jobsDraft('FIFO', ['policy fifo'], jobs, rule, [
    perJob('What is the response time (first run − arrival) of each job?', 'response', jobs),
  ]);
}

export function sjf(draws: Draws): Draft {
  const jobs = drawJobs(draws, draws.chance(0.6), 4, [2, 15]);
  const rule =
    'Policy sjf is non-preemptive: whenever the CPU frees, it takes the ready job with the least computing left. No switch costs.';
  return jobsDraft('SJF', ['policy sjf'], jobs, rule, [
    perJob('How long does each job wait, ready but not running?', 'waiting', jobs),
  ]);
}

export function rr(draws: Draws): Draft {
  const quantum = draws.int(1, 5);
  const jobs = drawJobs(draws, draws.chance(0.7), 3, [2, 12]);
  const cost = draws.chance(0.3) ? 1 : 0;
  const settings = [`policy rr`, `quantum ${quantum}`, ...(cost > 0 ? [`cost switch ${cost}`] : [])];
  const rule = `Policy rr gives each job ${quantum} tick${quantum === 1 ? '' : 's'} at a time, then puts it at the tail of the ready queue; a job that arrives at the instant a quantum expires is queued before the expired one. ${cost > 0 ? `Every dispatch costs the CPU ${cost} tick (cost switch), which does not count against the quantum.` : 'No switch costs.'}`;
  return jobsDraft(`Round robin, quantum ${quantum}`, settings, jobs, rule, [
    perJob('What is the response time (first run − arrival) of each job?', 'response', jobs),
    cost > 0
      ? { text: 'How many ticks does the CPU spend switching?', query: { kind: 'cpu-overhead', cpu: 0 } }
      : {
          text: 'How many dispatches does the kernel make after the first one (switches)?',
          query: { kind: 'counter', counter: 'switches' },
        },
  ]);
}

export function priority(draws: Draws): Draft {
  const cpus = draws.chance(0.3) ? 2 : 1;
  const n = draws.int(3, 4);
  const prios = draws.distinct(n, 1, 9);
  const at = arrivals(draws, n, false, 5);
  const len = draws.distinct(n, 3, 12);
  const jobs: Job[] = at.map((t, k) => ({ name: NAMES[k], at: t, length: len[k], priority: prios[k] }));
  const low = jobs.reduce((a, b) => ((a.priority ?? 0) < (b.priority ?? 0) ? a : b));
  const scenario = scenarioText(
    `Priorities on ${cpus} CPU${cpus > 1 ? 's' : ''}`,
    [`cpus ${cpus}`, 'policy priority'],
    [{ name: 'jobs', settings: ['model one_to_one'], threads: jobThreads(jobs) }],
  );
  return {
    title: `Preemptive priorities, ${n} jobs on ${cpus} CPU${cpus > 1 ? 's' : ''}`,
    intro: [
      `${describe(jobs)} Policy priority is preemptive: a job that arrives takes a CPU from the lowest-priority running job it outranks (higher number, higher priority). No switch costs.`,
    ],
    scenario,
    ask: (run, d) => {
      const t = busyInstant(run, d);
      return [
        { text: 'In which order do the jobs finish?', query: { kind: 'completion-order' } },
        {
          text: 'At what tick does each job finish?',
          query: { kind: 'metric', metric: 'finish', threads: jobs.map((j) => j.name) },
        },
        { text: `Which job is on CPU 0 during tick ${t}?`, query: { kind: 'running-at', cpu: 0, t } },
        { text: 'How many times is a running job preempted?', query: { kind: 'count-events', event: 'preempt' } },
        {
          text: `How long does ${low.name}, the lowest priority, wait ready but not running?`,
          query: { kind: 'metric', metric: 'waiting', threads: [low.name] },
        },
      ];
    },
  };
}
