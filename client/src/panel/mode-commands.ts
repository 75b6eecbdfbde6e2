/**
 * The commands that open the panel in one of its step-by-step modes:
 * - "Threadscape: Play Counterexample" (`threadscape.playCounterexample`): the code action and
 *   the code lens of a reachable finding pass `{ uri, version, choices, finding? }`; the panel
 *   replays those choices;
 * - "Threadscape: Play the Scheduler", "Threadscape: Predict Then Reveal", "Threadscape: Compare
 *   Models": the panel of the current document, in that mode;
 * - "Threadscape: Open Exercise…": a topic (quick pick) and a seed (input box) give a generated
 *   exercise, opened as an untitled document with the panel in predict-then-reveal mode.
 */
import * as vscode from 'vscode';
import { TOPICS, type Topic } from '@server/teaching/draft';
import { generateExercise } from '@server/teaching/exercise';
import { PLAY_COUNTEREXAMPLE_COMMAND } from '@server/lsp/protocol';
import { openUntitled } from '../authoring/untitled';
import { isHostMessage, type PanelMode, type ReplayMessage } from '../protocol';
import type { SimulationPanel } from './simulation-panel';
import { targetUri } from './target';

export const MODE_COMMANDS: Readonly<Record<Exclude<PanelMode, 'run'>, string>> = {
  play: 'threadscape.playScheduler',
  predict: 'threadscape.predictThenReveal',
  compare: 'threadscape.compareModels',
};
export const OPEN_EXERCISE_COMMAND = 'threadscape.openExercise';

/** What each topic's exercise is about, for the quick pick. */
const TOPIC_WORDS: Record<Topic, string> = {
  fifo: 'first come, first served on one CPU',
  sjf: 'shortest job first, non-preemptive',
  rr: 'round robin with a quantum',
  priority: 'priorities, staggered arrivals, preemption',
  sigwaiting: 'SIGWAITING: the library asks for another LWP',
  concurrency: 'the LWP pool: concurrency and set_concurrency',
  inversion: 'priority inversion, with and without a protocol',
  deadlock: 'two mutexes taken in a cyclic or a consistent order',
  adaptive: 'adaptive mutexes: spin, then sleep',
};

/** The largest seed offered (the CLI takes any whole number; the same one gives the same exercise). */
const MAX_SEED = 2 ** 31 - 1;

type Show = (uri: vscode.Uri) => Promise<SimulationPanel>;

/** The replay a Play Counterexample invocation asks for, or a reason it is not one. */
export function replayArgument(arg: unknown): Omit<ReplayMessage, 'type'> | string {
  const m = typeof arg === 'object' && arg !== null ? { ...arg, type: 'replay' } : null;
  if (!isHostMessage(m) || m.type !== 'replay') {
    return 'Play Counterexample takes { uri, version, choices, finding? } (from a finding of the exploration).';
  }
  const { type: _type, ...rest } = m;
  return rest;
}

async function openExercise(show: Show): Promise<void> {
  const topic = await vscode.window.showQuickPick(
    TOPICS.map((t) => ({ label: t, description: TOPIC_WORDS[t] })),
    { title: 'Threadscape: Open Exercise (1/2)', placeHolder: 'The topic of the exercise' },
  );
  if (!topic) return;
  const seed = await vscode.window.showInputBox({
    title: 'Threadscape: Open Exercise (2/2)',
    prompt: `The seed: each one gives another ${topic.label} exercise, the same one every time`,
    value: '1',
    validateInput: (v) =>
      /^\d+$/.test(v.trim()) && Number(v) <= MAX_SEED ? null : `A whole number from 0 to ${MAX_SEED}`,
  });
  if (seed === undefined) return;
  const ex = generateExercise(topic.label as Topic, Number(seed.trim()));
  const editor = await openUntitled(`${topic.label}-${seed.trim()}.threads`, ex.text);
  (await show(editor.document.uri)).setMode('predict');
}

/** Registers the mode commands; `show` opens (or brings forward) a document's panel. */
export function registerModeCommands(context: vscode.ExtensionContext, show: Show): void {
  const inMode = (mode: PanelMode) => async (arg?: unknown) => {
    const uri = targetUri(arg);
    if (!uri) {
      void vscode.window.showInformationMessage('Threadscape: open a .threads file first.');
      return;
    }
    (await show(uri)).setMode(mode);
  };
  context.subscriptions.push(
    vscode.commands.registerCommand(PLAY_COUNTEREXAMPLE_COMMAND, async (arg?: unknown) => {
      const replay = replayArgument(arg);
      if (typeof replay === 'string') {
        void vscode.window.showWarningMessage(`Threadscape: ${replay}`);
        return;
      }
      let uri: vscode.Uri;
      try {
        uri = vscode.Uri.parse(replay.uri, true);
      } catch {
        void vscode.window.showWarningMessage(`Threadscape: no document at ${replay.uri}.`);
        return;
      }
      const panel = await show(uri);
      panel.setMode('run');
      panel.replay(replay);
    }),
    ...Object.entries(MODE_COMMANDS).map(([mode, id]) =>
      vscode.commands.registerCommand(id, inMode(mode as PanelMode)),
    ),
    vscode.commands.registerCommand(OPEN_EXERCISE_COMMAND, () => openExercise(show)),
  );
}
