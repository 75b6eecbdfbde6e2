/**
 * "Play counterexample": the code action on each reachable finding's diagnostic, and the code
 * lens over the scenario while the document's last exploration has findings. Both run the
 * panel's `threadscape.playCounterexample` with the explored version and the finding's choices.
 */
import { CodeActionKind, type CodeAction, type Command, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import { findingLabel, REACHABLE_CODES } from './exploration-report';
import { PLAY_COUNTEREXAMPLE_COMMAND, type ExplorationFinding, type PlayCounterexampleArgs } from './protocol';

type Choice = PlayCounterexampleArgs['choices'][number];

/** The command that plays one finding of the exploration of `version`. */
export function playCommand(
  title: string,
  uri: string,
  version: number,
  f: Pick<ExplorationFinding, 'code' | 'message' | 'time' | 'choices'>,
): Command {
  const args: PlayCounterexampleArgs = {
    uri,
    version,
    choices: f.choices.map((c) => ({ t: c.t, kind: c.kind, pick: c.pick })),
    finding: { code: f.code, message: f.message, time: f.time },
  };
  return { title, command: PLAY_COUNTEREXAMPLE_COMMAND, arguments: [args] };
}

/** The lens title of a finding: `▶ Play counterexample: deadlock at t=12`. */
export function playLensTitle(f: { code: string; time: number | null }): string {
  return `▶ Play counterexample: ${findingLabel(f)}`;
}

function isChoice(v: unknown): v is Choice {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as Record<string, unknown>;
  return Number.isInteger(c.t) && typeof c.kind === 'string' && Number.isInteger(c.pick) && (c.pick as number) >= 0;
}

/**
 * The Play counterexample actions of the given diagnostics (those the client sends back): one
 * per reachable finding whose `data` carries its choices and explored version; anything else,
 * or data that is not well formed, gives none.
 */
export function playActions(uri: string, diagnostics: readonly LspDiagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.source !== 'threadscape' || typeof d.code !== 'string' || !REACHABLE_CODES.includes(d.code)) continue;
    const data = typeof d.data === 'object' && d.data !== null ? (d.data as Record<string, unknown>) : {};
    const { choices, version, time } = data;
    if (!Array.isArray(choices) || !choices.every(isChoice) || !Number.isInteger(version)) continue;
    const finding = {
      code: d.code,
      message: typeof d.message === 'string' ? d.message : d.message.value,
      time: typeof time === 'number' ? time : null,
      choices,
    };
    const title = `Play counterexample: ${findingLabel(finding)}`;
    out.push({
      title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      command: playCommand(title, uri, version as number, finding),
    });
  }
  return out;
}
