/**
 * `threadscape`: the command line (docs/reference/cli.md). Reads the arguments (args.ts) and hands each
 * command to its own module. Exit status: 0 no error diagnostic, 1 at least one error
 * diagnostic, 2 bad usage, an unreadable input or an unwritable output, 3 an internal error;
 * the highest wins. Failures are one line on stderr, never a stack trace.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { parseCommandLine } from './args';
import { checkCommand } from './check';
import { compareCommand } from './compare';
import { EXIT_USAGE, failureLine } from './errors';
import { exerciseCommand } from './exercise';
import { exploreCommand } from './explore';
import { isExploreJob, runExploreJob } from './explore-job';
import { runCommand } from './run';
import { guardStdout, out, stdoutFailure } from './stdout';
import { VERSION } from './version';

const HELP = `threadscape ${VERSION}: thread scenarios on a simulator of the SunOS two-level threading model

Usage:
  threadscape check FILE... [--json]   diagnostics of each file (text, analysis, simulation)
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
  --max-recorded N    events recorded at most for --events, --trace, --html (default 1000000)
  --trace FILE        write a Chrome trace event JSON (Perfetto, chrome://tracing)
  --html FILE         write a self-contained playback page
  --replay FILE       follow the choices of a file written from an explore finding

Options of explore (and --json, --seed, --horizon, --max-events):
  --max-schedules N   complete schedules to examine at most (default: no limit)
  --time-limit S      stop the search after S seconds (default 60)
  --max-memory MIB    memory for the visited states, in MiB (default 512); the search also
                      stops when the whole process uses twice that
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

Exit status: 0 no error, 1 an error diagnostic, 2 bad usage or a file that cannot be
read or written, 3 an internal error.
`;

async function dispatch(argv: string[]): Promise<number> {
  const inv = parseCommandLine(argv);
  switch (inv.kind) {
    case 'version':
      out(`${VERSION}\n`);
      return 0;
    case 'help':
      out(HELP);
      return inv.status;
    case 'command':
      if (inv.command === 'check') return checkCommand(inv.files, inv.options);
      if (inv.command === 'run') return runCommand(inv.files[0], inv.options);
      if (inv.command === 'compare') return compareCommand(inv.files[0], inv.options);
      if (inv.command === 'exercise') return exerciseCommand(inv.options);
      return exploreCommand(inv.files[0], inv.options);
  }
}

let status = 0;

function fail(e: unknown): void {
  const { line, status: s } = failureLine(e);
  process.stderr.write(line);
  status = Math.max(status, s);
  process.exitCode = status;
}

/** The command, on the main thread. */
function command(): void {
  guardStdout();
  process.on('uncaughtException', fail);
  process.on('exit', () => {
    const failure = stdoutFailure();
    if (failure) {
      process.stderr.write(`threadscape: ${failure}\n`);
      process.exitCode = Math.max(status, EXIT_USAGE);
    }
  });
  dispatch(process.argv.slice(2)).then((code) => {
    status = Math.max(status, code);
    process.exitCode = status;
  }, fail);
}

// The bundle is also the explorer's worker (explore.ts starts it with its job).
if (!isMainThread && isExploreJob(workerData)) {
  const port = parentPort;
  runExploreJob(workerData, (m) => port?.postMessage(m));
} else command();
