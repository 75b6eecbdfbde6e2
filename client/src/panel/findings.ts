/**
 * The background exploration's report (`threadscape/exploration`) as the panel's `findings`
 * message: each finding with its choices checked (a finding whose choices are not a schedule
 * the panel can replay is left out, never forwarded), and how far the search got. Pure.
 */
import type { ExplorationParams } from '@server/lsp/protocol';
import { isChoiceRecord, MAX_FINDINGS, type FindingItem, type FindingsMessage } from '../protocol';

/** The findings message for the panel of `p.uri`. */
export function findingsMessage(p: ExplorationParams): FindingsMessage {
  const findings: FindingItem[] = [];
  for (const f of p.findings.slice(0, MAX_FINDINGS)) {
    if (!f.choices.every(isChoiceRecord)) continue;
    findings.push({
      code: f.code,
      message: f.message,
      time: f.time,
      choices: f.choices,
      departures: f.departures.filter((d) => typeof d === 'string'),
    });
  }
  return {
    type: 'findings',
    uri: p.uri,
    version: p.version,
    findings,
    search: { complete: p.complete, states: p.states, stoppedBy: p.stoppedBy },
  };
}
