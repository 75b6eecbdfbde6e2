/**
 * Messages between the extension host (the panel owner) and the playback webview: one
 * discriminated union on `type` for each direction, shared by both sides. Every message that
 * arrives is checked where it arrives (the trust boundary), and only there: the webview reads
 * the host's through `parseHostMessage` (its diagnostics normalized once), the host reads the
 * webview's with `isWebviewMessage`; anything malformed is ignored, so a stale or hostile
 * message can never reach a handler.
 */
import type { ChoiceRecord } from '@server/explorer/unit-tree';
import type { WrittenSetting } from '@server/teaching/override';
import type { Diagnostic } from '@server/language/diagnostic';
import type { Model, SourceRange } from '@server/language/model';
import type { PackedRun } from '@server/simulator/pack';
import {
  isCount,
  isDiagnostic,
  isModelShape,
  isPosition,
  isRecord,
  isSourceRange,
  isTime,
  normalizeDiagnostics,
} from './protocol-values';

export { isPosition, isSourceRange, isDiagnostic, normalizeDiagnostics, isModelShape } from './protocol-values';

/** The host sends the document's model: after `ready`, and after every edit. */
export interface ModelMessage {
  type: 'model';
  uri: string;
  /** Document version the model was lowered from. */
  version: number;
  /** Base name of the file: the scenario's name when it has no title. */
  fileName: string;
  /** Null when the text has errors: the webview keeps showing the last good run. */
  model: Model | null;
  /** Text and analysis diagnostics of that version. */
  diagnostics: Diagnostic[];
  /** Lines (0-based) of statements marked with a `// ?` comment: predict-then-reveal's checkpoints. */
  markedLines?: number[];
  /** The process settings and thread attributes the text writes, and where (Compare models' notes). */
  written?: WrittenSetting[];
}

/**
 * "Go to the next time a thread runs this": the playhead moves to the next instant after it
 * at which a thread reaches the statement at `position` of the document.
 */
export interface NextRunMessage {
  type: 'nextRun';
  position: { line: number; character: number };
}

/** The host could not get a model (no language server, request failed). */
export interface ErrorMessage {
  type: 'error';
  message: string;
}

/** What a replay shows: a finding of the exploration (its code, message and instant). */
export interface FindingRef {
  code: string;
  message: string;
  /** The failing instant, when the finding has one. */
  time: number | null;
}

/**
 * Replay a schedule: the panel re-runs the document's model of `version` taking these choices
 * (then the default rule), puts the playhead at the finding's instant (else the run's first
 * problem) and marks the choices that differ from the default. A version that no longer matches
 * the text, or choices that do not fit the run, are ignored with a message in the panel.
 */
export interface ReplayMessage {
  type: 'replay';
  uri: string;
  version: number;
  choices: ChoiceRecord[];
  finding?: FindingRef;
}

/** One finding of the exploration, replayable. */
export interface FindingItem extends FindingRef {
  choices: ChoiceRecord[];
  /** Its decisions that differ from the default rule, in words. */
  departures?: string[];
}

/** The last exploration's findings for a version of the document (the panel lists them). */
export interface FindingsMessage {
  type: 'findings';
  uri: string;
  version: number;
  findings: FindingItem[];
  /**
   * How far the search got: complete (then finding nothing is a proof), the states it stored,
   * and why an incomplete one stopped (`time`, `memory`, `states`, …).
   */
  search?: { complete: boolean; states: number; stoppedBy?: string | null };
}

/** The panel's modes: the run as it is, play the scheduler, predict then reveal, compare models. */
export const PANEL_MODES = ['run', 'play', 'predict', 'compare'] as const;
export type PanelMode = (typeof PANEL_MODES)[number];

/** Switch the panel to a mode (the commands that open it in one). */
export interface ModeMessage {
  type: 'mode';
  mode: PanelMode;
}

export type HostMessage = ModelMessage | ErrorMessage | NextRunMessage | ReplayMessage | FindingsMessage | ModeMessage;

/** The webview's script is loaded and listening. */
export interface ReadyMessage {
  type: 'ready';
}

/** Reveal a range of the document in the editor (a diagnostic or an event was clicked). */
export interface RevealMessage {
  type: 'reveal';
  range: SourceRange;
}

/** A thread's place in the source at the playhead: the statement it reached last. */
export interface ThreadMark {
  process: string;
  thread: string;
  /** The thread's colour: its index in the run's thread list (the palette repeats). */
  colour: number;
  /** Its state at the playhead (running, ready, blocked, …). */
  state: string;
  range: SourceRange;
  /** Other threads at the same statement, not marked one by one. */
  others?: number;
}

/** Where each thread is at the playhead (sent when it changes; empty clears the editor's marks). */
export interface MarksMessage {
  type: 'marks';
  marks: ThreadMark[];
}

/** Save a schedule as a choices file (docs/reference/cli.md: `{ "version": 2, "choices": [...] }`, for `run --replay`). */
export interface SaveReplayMessage {
  type: 'saveReplay';
  choices: ChoiceRecord[];
}

export type WebviewMessage = ReadyMessage | RevealMessage | MarksMessage | SaveReplayMessage;

/** Most marks a message may carry (a thread each): more is not a message from this webview. */
export const MAX_MARKS = 10_000;

/** Most choices a schedule may carry, and most findings a list. */
export const MAX_CHOICES = 1_000_000;
export const MAX_FINDINGS = 10_000;

const CHOICE_KINDS = new Set(['range', 'tie', 'order']);

/** One recorded decision (docs/reference/cli.md's choices file): `{ t, kind, pick }`. */
export function isChoiceRecord(v: unknown): v is ChoiceRecord {
  return isRecord(v) && isCount(v.t) && typeof v.kind === 'string' && CHOICE_KINDS.has(v.kind) && isCount(v.pick);
}

function isChoices(v: unknown): v is ChoiceRecord[] {
  return Array.isArray(v) && v.length <= MAX_CHOICES && v.every(isChoiceRecord);
}

function isFindingRef(v: unknown): v is FindingRef {
  return (
    isRecord(v) && typeof v.code === 'string' && typeof v.message === 'string' && (v.time === null || isTime(v.time))
  );
}

function isFindingItem(v: unknown): v is FindingItem {
  if (!isFindingRef(v)) return false;
  const f = v as FindingRef & Record<string, unknown>;
  return (
    isChoices(f.choices) &&
    (f.departures === undefined || (Array.isArray(f.departures) && f.departures.every((d) => typeof d === 'string')))
  );
}

/** Most settings a model message may list as written. */
export const MAX_WRITTEN = 100_000;

function isWrittenSetting(v: unknown): v is WrittenSetting {
  return (
    isRecord(v) &&
    typeof v.process === 'string' &&
    (v.thread === null || typeof v.thread === 'string') &&
    typeof v.name === 'string' &&
    isSourceRange(v.range)
  );
}

/** True for one of the panel's modes. */
export function isPanelMode(v: unknown): v is PanelMode {
  return typeof v === 'string' && (PANEL_MODES as readonly string[]).includes(v);
}

function isThreadMark(v: unknown): v is ThreadMark {
  return (
    isRecord(v) &&
    typeof v.process === 'string' &&
    typeof v.thread === 'string' &&
    isCount(v.colour) &&
    typeof v.state === 'string' &&
    isSourceRange(v.range) &&
    (v.others === undefined || isCount(v.others))
  );
}

/** What the webview keeps with `setState`, and the serializer gets back after a reload. */
export interface WebviewState {
  uri: string;
  /** Playhead, in ticks. */
  time: number;
  /** Playback speed, ticks per second. */
  speed: number;
  /** The mode the panel was in (absent: the run as it is). */
  mode?: PanelMode;
}

/** True for a well-formed message from the host. */
export function isHostMessage(v: unknown): v is HostMessage {
  if (!isRecord(v)) return false;
  switch (v.type) {
    case 'model':
      return (
        typeof v.uri === 'string' &&
        isCount(v.version) &&
        typeof v.fileName === 'string' &&
        (v.model === null || isModelShape(v.model)) &&
        Array.isArray(v.diagnostics) &&
        v.diagnostics.every(isDiagnostic) &&
        (v.markedLines === undefined || (Array.isArray(v.markedLines) && v.markedLines.every(isCount))) &&
        (v.written === undefined ||
          (Array.isArray(v.written) && v.written.length <= MAX_WRITTEN && v.written.every(isWrittenSetting)))
      );
    case 'error':
      return typeof v.message === 'string';
    case 'nextRun':
      return isPosition(v.position);
    case 'replay':
      return (
        typeof v.uri === 'string' &&
        isCount(v.version) &&
        isChoices(v.choices) &&
        (v.finding === undefined || isFindingRef(v.finding))
      );
    case 'findings':
      return (
        typeof v.uri === 'string' &&
        isCount(v.version) &&
        Array.isArray(v.findings) &&
        v.findings.length <= MAX_FINDINGS &&
        v.findings.every(isFindingItem) &&
        (v.search === undefined ||
          (isRecord(v.search) &&
            typeof v.search.complete === 'boolean' &&
            isCount(v.search.states) &&
            (v.search.stoppedBy === undefined ||
              v.search.stoppedBy === null ||
              typeof v.search.stoppedBy === 'string')))
      );
    case 'mode':
      return isPanelMode(v.mode);
    default:
      return false;
  }
}

/**
 * A message from the host as the webview may use it, or null when malformed: the one check of
 * the host's diagnostics (a diagnostic with a broken range end keeps its start, one with no
 * usable code, message, severity or start is dropped: a bad range must not cost the panel).
 */
export function parseHostMessage(v: unknown): HostMessage | null {
  if (!isRecord(v)) return null;
  if (v.type === 'model') {
    if (!Array.isArray(v.diagnostics)) return null;
    const m = { ...v, diagnostics: normalizeDiagnostics(v.diagnostics) };
    return isHostMessage(m) ? m : null;
  }
  return isHostMessage(v) ? v : null;
}

/** True for a well-formed message from the webview. */
export function isWebviewMessage(v: unknown): v is WebviewMessage {
  if (!isRecord(v)) return false;
  switch (v.type) {
    case 'ready':
      return true;
    case 'reveal':
      return isSourceRange(v.range);
    case 'marks':
      return Array.isArray(v.marks) && v.marks.length <= MAX_MARKS && v.marks.every(isThreadMark);
    case 'saveReplay':
      return isChoices(v.choices);
    default:
      return false;
  }
}

/** True for a state the serializer can restore a panel from. */
export function isWebviewState(v: unknown): v is WebviewState {
  return (
    isRecord(v) &&
    typeof v.uri === 'string' &&
    v.uri.length > 0 &&
    isTime(v.time) &&
    isTime(v.speed) &&
    (v.mode === undefined || isPanelMode(v.mode))
  );
}

/**
 * What `threadscape run FILE --html OUT` embeds in the standalone page, as JSON in a
 * `<script type="application/json" id="threadscape-report">` block (server/src/cli/html.ts
 * writes exactly these fields).
 */
export interface ReportData {
  fileName: string;
  /** The scenario's text, listed in the page so diagnostics can point at their lines. */
  text: string;
  /** The run's recorded form, packed (unpackRun gives the RunResult, checking every index). */
  run: PackedRun;
  /** The static analysis's diagnostics, listed with the run's own. */
  diagnostics?: Diagnostic[];
}

/**
 * True for embedded report data the page can show: its head checked here, its packed lists by
 * unpackRun, its diagnostics by normalizeDiagnostics.
 */
export function isReportData(v: unknown): v is ReportData {
  if (!isRecord(v) || typeof v.fileName !== 'string' || typeof v.text !== 'string' || !isRecord(v.run)) return false;
  const r = v.run.head;
  return (
    isRecord(r) &&
    typeof r.scenario === 'string' &&
    typeof r.outcome === 'string' &&
    isTime(r.endTime) &&
    Array.isArray(r.cpus) &&
    isRecord(r.counters) &&
    Array.isArray(r.diagnostics) &&
    (v.diagnostics === undefined || Array.isArray(v.diagnostics))
  );
}
