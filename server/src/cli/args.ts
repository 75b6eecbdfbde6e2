/**
 * The command line's words to a command and its options (docs/reference/cli.md), with one clear line for
 * every misuse: an unknown option, an option the command does not take, a number out of
 * range (`--seed -1` included), an empty file name.
 */
import { parseArgs } from 'node:util';
import { UsageError } from './errors';

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  json: { type: 'boolean' },
  events: { type: 'boolean' },
  seed: { type: 'string' },
  horizon: { type: 'string' },
  'max-events': { type: 'string' },
  'max-recorded': { type: 'string' },
  trace: { type: 'string' },
  html: { type: 'string' },
  replay: { type: 'string' },
  'max-schedules': { type: 'string' },
  'time-limit': { type: 'string' },
  'max-memory': { type: 'string' },
  all: { type: 'boolean' },
  bfs: { type: 'boolean' },
  'range-cap': { type: 'string' },
  'no-por': { type: 'boolean' },
  'no-symmetry': { type: 'boolean' },
  models: { type: 'string' },
  process: { type: 'string' },
  topic: { type: 'string' },
  answers: { type: 'boolean' },
} as const;

type OptionName = keyof typeof OPTIONS;

/** The options each command takes (besides --help). */
const TAKES: Record<string, readonly OptionName[]> = {
  check: ['json'],
  run: ['json', 'events', 'seed', 'horizon', 'max-events', 'max-recorded', 'trace', 'html', 'replay'],
  explore: [
    'json',
    'seed',
    'horizon',
    'max-events',
    'max-schedules',
    'time-limit',
    'max-memory',
    'all',
    'bfs',
    'range-cap',
    'no-por',
    'no-symmetry',
  ],
  compare: ['json', 'seed', 'horizon', 'max-events', 'models', 'process'],
  exercise: ['json', 'topic', 'seed', 'answers'],
};

type Command = 'check' | 'run' | 'explore' | 'compare' | 'exercise';

/** How many FILEs each command takes: at least one, exactly one, or none. */
const FILES: Record<Command, 'some' | 'one' | 'none'> = {
  check: 'some',
  run: 'one',
  explore: 'one',
  compare: 'one',
  exercise: 'none',
};

/** The defaults docs/reference/cli.md states. */
export const DEFAULT_TIME_LIMIT_S = 60;
export const DEFAULT_MAX_MEMORY_MIB = 512;
export const DEFAULT_MAX_RECORDED = 1_000_000;
const INT_MAX = 2 ** 31 - 1;

export interface CommandOptions {
  json: boolean;
  events: boolean;
  seed?: number;
  horizon?: number;
  maxEvents?: number;
  /** Events recorded at most for --events, --trace and --html (the run goes on unrecorded). */
  maxRecorded: number;
  trace?: string;
  html?: string;
  /** A choices file to replay (`run --replay`). */
  replay?: string;
  maxSchedules?: number;
  /** Seconds. */
  timeLimit: number;
  /** MiB for the explorer's visited states. */
  maxMemory: number;
  /** `explore --range-cap`. */
  rangeCap?: number;
  /** `explore --all`, `--bfs`, and the reductions (`--no-por`, `--no-symmetry` turn them off). */
  all: boolean;
  bfs: boolean;
  por: boolean;
  symmetry: boolean;
  /** `compare --models`, comma-separated. */
  models?: string;
  /** `compare --process`, comma-separated. */
  process?: string;
  /** `exercise --topic`. */
  topic?: string;
  /** `exercise --answers`. */
  answers: boolean;
}

export type Invocation =
  | { kind: 'help'; status: number }
  | { kind: 'version' }
  | { kind: 'command'; command: Command; files: string[]; options: CommandOptions };

function integer(name: string, value: string | undefined, min: number, max = INT_MAX): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    const shown = value === '' ? 'an empty value' : `'${value}'`;
    throw new UsageError(`--${name} takes a whole number from ${min} to ${max}, not ${shown}`);
  }
  return Number(value);
}

/** `--seed -1` as `--seed=-1`, so that a negative number reads as the option's value, not an option. */
function joinNegativeValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    const name = a.startsWith('--') ? a.slice(2) : '';
    const next = argv[k + 1];
    if (name in OPTIONS && OPTIONS[name as OptionName].type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`${a}=${next}`);
      k++;
    } else out.push(a);
  }
  return out;
}

/** Reads the command line, or throws a UsageError. */
export function parseCommandLine(argv: string[]): Invocation {
  let parsed;
  try {
    parsed = parseArgs({ args: joinNegativeValues(argv), options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(`${(e as Error).message.split('\n')[0]} (try threadscape --help)`);
  }
  const { values, positionals } = parsed;
  if (values.version) return { kind: 'version' };
  const [command, ...files] = positionals;
  if (values.help || command === 'help') return { kind: 'help', status: 0 };
  if (command === undefined) return { kind: 'help', status: 2 };
  const takes = TAKES[command];
  if (!takes) throw new UsageError(`unknown command '${command}' (try threadscape --help)`);
  for (const name of Object.keys(values) as OptionName[]) {
    if (name !== 'help' && name !== 'version' && !takes.includes(name))
      throw new UsageError(`${command} does not take --${name} (try threadscape --help)`);
  }
  const wanted = FILES[command as Command];
  if (wanted === 'some' && files.length === 0) throw new UsageError(`${command} needs at least one FILE`);
  if (wanted === 'one' && files.length !== 1) throw new UsageError(`${command} takes exactly one FILE`);
  if (wanted === 'none' && files.length !== 0)
    throw new UsageError(`${command} takes no FILE (it writes the scenario to stdout)`);
  for (const name of ['trace', 'html', 'replay'] as const)
    if (values[name] === '') throw new UsageError(`--${name} needs a file name, not an empty string`);
  const options: CommandOptions = {
    json: values.json ?? false,
    events: values.events ?? false,
    seed: integer('seed', values.seed, 0),
    horizon: integer('horizon', values.horizon, 1),
    maxEvents: integer('max-events', values['max-events'], 1),
    maxRecorded: integer('max-recorded', values['max-recorded'], 0) ?? DEFAULT_MAX_RECORDED,
    trace: values.trace,
    html: values.html,
    replay: values.replay,
    maxSchedules: integer('max-schedules', values['max-schedules'], 1),
    timeLimit: integer('time-limit', values['time-limit'], 1) ?? DEFAULT_TIME_LIMIT_S,
    maxMemory: integer('max-memory', values['max-memory'], 1, 65_536) ?? DEFAULT_MAX_MEMORY_MIB,
    rangeCap: integer('range-cap', values['range-cap'], 1),
    all: values.all ?? false,
    bfs: values.bfs ?? false,
    por: !(values['no-por'] ?? false),
    symmetry: !(values['no-symmetry'] ?? false),
    models: values.models,
    process: values.process,
    topic: values.topic,
    answers: values.answers ?? false,
  };
  return { kind: 'command', command: command as Command, files, options };
}
