/**
 * `threadscape`: the command line (CLI.md). Parses arguments with node's util.parseArgs and
 * hands each command to its own module. Exit codes: 0 no error diagnostic, 1 at least one
 * error diagnostic, 2 bad usage or unreadable file (one line on stderr, never a stack trace).
 */
import { parseArgs } from 'node:util';
import { UsageError, type CommandOptions } from './options';
import { checkCommand } from './check';
import { runCommand } from './run';
import { exploreCommand } from './explore';
import { compareCommand } from './compare';
import { exerciseCommand } from './exercise';
import { VERSION } from './version';

const HELP = `threadscape ${VERSION}: thread scenarios on a simulator of the SunOS two-level threading model

Usage:
  threadscape check FILE...            diagnostics of each file (text, analysis, simulation)
  threadscape run FILE [options]       simulate once; print a summary and the diagnostics
  threadscape explore FILE [options]   search the schedules the file allows
  threadscape compare FILE [options]   the scenario under each threading model, side by side
  threadscape exercise --topic T [--seed S] [--answers]
                                       a generated exercise: a scenario and its questions
  threadscape --help | --version

Options of run:
  --json              machine output on stdout (nothing else there)
  --events            include the event list in the JSON
  --seed N            seed of the random source for duration ranges
  --horizon N         stop the simulation at tick N
  --max-events N      event budget (default 10000000)
  --trace FILE        write a Chrome trace event JSON (Perfetto, chrome://tracing)
  --html FILE         write a self-contained playback page
  --replay FILE       follow the choices of a file written from an explore finding

Options of explore (and --json, --seed, --horizon, --max-events):
  --max-schedules N   complete schedules to examine at most (default: no limit)
  --time-limit S      stop the search after S seconds (default 60)
  --max-memory MIB    memory for the visited states, in MiB (default 512)
  --all               keep searching after the first finding, counting schedules
  --bfs               breadth-first: the shortest counterexample first
  --range-cap N       enumerate ranges of up to N values in full, sample wider ones (default 16)
  --no-por            no partial-order reduction
  --no-symmetry       no symmetry reduction

Options of compare (and --json, --seed, --horizon, --max-events):
  --models LIST       comma-separated, from one_to_one,many_to_one,many_to_many (default: all three)
  --process LIST      the processes whose model is overridden (default: every process)

Options of exercise (and --json):
  --topic T           fifo, sjf, rr, priority, sigwaiting, concurrency, inversion, deadlock, adaptive
  --seed S            which exercise of the topic (default 1); the same seed, the same output
  --answers           also print the answers, computed by the simulator

Exit status: 0 no error, 1 an error diagnostic, 2 bad usage or unreadable file.
`;

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  json: { type: 'boolean' },
  events: { type: 'boolean' },
  seed: { type: 'string' },
  horizon: { type: 'string' },
  'max-events': { type: 'string' },
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

function integerOption(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > 2 ** 31 - 1) {
    throw new UsageError(`--${name} takes a whole number from ${min} to ${2 ** 31 - 1}, not '${value}'`);
  }
  return Number(value);
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0]);
  }
  const { values, positionals } = parsed;
  if (values.version) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const [command, ...files] = positionals;
  if (values.help || command === undefined || command === 'help') {
    process.stdout.write(HELP);
    return command === undefined && !values.help ? 2 : 0;
  }
  const opts: CommandOptions = {
    json: values.json ?? false,
    events: values.events ?? false,
    seed: integerOption('seed', values.seed, 0),
    horizon: integerOption('horizon', values.horizon, 1),
    maxEvents: integerOption('max-events', values['max-events'], 1),
    trace: values.trace,
    html: values.html,
    replay: values.replay,
  };
  switch (command) {
    case 'check':
      if (files.length === 0) throw new UsageError('check needs at least one FILE');
      return checkCommand(files);
    case 'run':
      if (files.length !== 1) throw new UsageError('run takes exactly one FILE');
      return runCommand(files[0], opts);
    case 'explore':
      if (files.length !== 1) throw new UsageError('explore takes exactly one FILE');
      return exploreCommand(files[0], {
        ...opts,
        maxSchedules: integerOption('max-schedules', values['max-schedules'], 1),
        timeLimit: integerOption('time-limit', values['time-limit'], 1),
        maxMemory: integerOption('max-memory', values['max-memory'], 1),
        rangeCap: integerOption('range-cap', values['range-cap'], 1),
        all: values.all ?? false,
        bfs: values.bfs ?? false,
        por: !(values['no-por'] ?? false),
        symmetry: !(values['no-symmetry'] ?? false),
      });
    case 'compare':
      if (files.length !== 1) throw new UsageError('compare takes exactly one FILE');
      return compareCommand(files[0], { ...opts, models: values.models, process: values.process });
    case 'exercise':
      if (files.length !== 0) throw new UsageError('exercise takes no FILE (it writes the scenario to stdout)');
      return exerciseCommand({
        json: opts.json,
        topic: values.topic,
        seed: opts.seed,
        answers: values.answers ?? false,
      });
    default:
      throw new UsageError(`unknown command '${command}' (try threadscape --help)`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError) {
      process.stderr.write(`threadscape: ${e.message}\n`);
    } else {
      process.stderr.write(`threadscape: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    }
    process.exitCode = 2;
  },
);
