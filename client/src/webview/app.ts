/**
 * The playback UI, host-independent: the heading, toolbar, events at the playhead and timeline
 * above; the mapping figure with the wait-for graph, the step trace with the state at the
 * playhead, and the diagnostics in tabs beside or under it. It fits the page: the timeline
 * and each tab scroll inside themselves, the page never sideways. Driven by the playback state
 * machine; the VS Code panel and the standalone page differ only in the `AppHost` they pass.
 */
import type { Diagnostic } from '../../../server/src/language/diagnostic';
import type { SourceRange } from '../../../server/src/language/model';
import type { RunResult } from '../../../server/src/simulator/trace';
import type { ThreadMark } from '../protocol';
import { readPalette } from './colours';
import { Controls, shortcut } from './controls';
import { DiagnosticsList, mergeDiagnostics } from './diagnostics-list';
import { el } from './dom';
import { EventsStrip } from './events-strip';
import { Header } from './header';
import { buildLanes, drawnEnd, eventMarks, firstProblem } from './lanes';
import { Legend } from './legend';
import { MappingView } from './mapping-view';
import { initialPlayback, reducePlayback, type PlaybackAction, type PlaybackState } from './playback';
import { indexRun, threadKey, type RunIndex } from './run-index';
import { snapshotAt } from './snapshot';
import { StateView } from './state-view';
import { StepsView } from './steps-view';
import { Tabs } from './tabs';
import { marksAt, nextRunAt, type NextRun } from './thread-marks';
import { Timeline } from './timeline';
import { waitGraph } from './wait-for';

export interface AppHost {
  /** Show a source range (the editor, or the standalone page's source listing). */
  reveal(range: SourceRange): void;
  /** Remember the playhead and speed (VS Code's setState); called at most a few times a second. */
  saveState?(time: number, speed: number): void;
  /** Where each thread is at the playhead (called when it changes). */
  marks?(marks: ThreadMark[]): void;
}

export class App {
  readonly header = new Header();
  private readonly controls: Controls;
  private readonly timeline: Timeline;
  private readonly mapping = new MappingView();
  private readonly diagnostics: DiagnosticsList;
  private readonly eventsStrip: EventsStrip;
  private readonly steps: StepsView;
  private readonly stateView = new StateView();
  private readonly legend = new Legend();
  readonly tabs = new Tabs('Views at the playhead');
  private state: PlaybackState = initialPlayback({ endTime: 0, marks: [], firstProblem: null });
  private index: RunIndex | null = null;
  private lastFrame: number | null = null;
  /** Identifies the current animation loop, so a pause and replay never runs two. */
  private loop = 0;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  /** The instant the tabs and the marks were last made for (they change per instant). */
  private shownInstant: string | null = null;
  /** When the playhead last moved, and the timer that says it stopped (links glide only when it is still). */
  private lastMove = -Infinity;
  private stillTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    root: HTMLElement,
    private readonly host: AppHost,
    /** Playhead and speed restored from a previous session, applied to the first run. */
    private readonly keep?: { time: number; speed: number },
  ) {
    this.controls = new Controls({
      dispatch: (a) => this.dispatch(a),
      zoom: (f) => this.timeline.zoom(f),
      fit: () => this.timeline.fit(),
    });
    this.timeline = new Timeline(readPalette(), { seek: (t) => this.dispatch({ type: 'seek', time: t }) });
    this.eventsStrip = new EventsStrip((range) => this.host.reveal(range));
    this.steps = new StepsView({ dispatch: (a) => this.dispatch(a), reveal: (r) => this.host.reveal(r) });
    this.diagnostics = new DiagnosticsList({
      open: (d: Diagnostic) => {
        this.host.reveal(d.range);
        if (d.time !== null) this.dispatch({ type: 'seek', time: d.time });
      },
    });
    this.tabs.add('mapping', 'Mapping', this.mapping.element);
    this.tabs.add(
      'steps',
      'Steps',
      el('div', { className: 'ts-steps-split' }, [this.steps.element, this.stateView.element]),
    );
    this.tabs.add('diagnostics', 'Diagnostics', this.diagnostics.element);
    this.tabs.onSelect = () => {
      this.shownInstant = null;
      this.render();
    };
    const timelinePane = el('section', { className: 'ts-tl-pane', attrs: { 'aria-labelledby': 'ts-tl-title' } }, [
      el('h2', { className: 'ts-visually-hidden', text: 'Timeline', attrs: { id: 'ts-tl-title' } }),
      this.eventsStrip.element,
      this.timeline.element,
      this.legend.element,
    ]);
    root.classList.add('ts-app');
    root.replaceChildren(
      this.header.element,
      this.controls.element,
      el('div', { className: 'ts-main' }, [timelinePane, this.tabs.element]),
    );
    this.controls.update(this.state, false);
    document.addEventListener('keydown', (e) => this.onKey(e));
    this.watchTheme();
  }

  /** Shows a run (a new one keeps the playhead where it was, clamped to the run's end). */
  showRun(result: RunResult, otherDiagnostics: readonly Diagnostic[] = []): void {
    const groups = buildLanes(result);
    const index = indexRun(result, groups);
    const run = {
      endTime: result.endTime,
      marks: eventMarks(result),
      firstProblem: firstProblem(result),
      steps: (result.events ?? []).map((e) => e.t),
    };
    const deadlocks = (result.events ?? []).filter((e) => e.kind === 'deadlock').map((e) => e.t);
    this.state = this.index ? reducePlayback(this.state, { type: 'load', run }) : initialPlayback(run, this.keep);
    this.index = index;
    this.shownInstant = null;
    this.header.setTitle(result.scenario);
    this.header.setRun(result);
    const colourOf = (process: string, thread: string): number =>
      index.threads.get(threadKey(process, thread))?.index ?? 0;
    this.timeline.setRun(groups, drawnEnd(groups, result.endTime), deadlocks, index);
    this.mapping.setRun(groups, index.topology, colourOf);
    const qualify = index.topology.processes.length > 1;
    this.eventsStrip.setEvents(result.events ?? [], qualify);
    this.steps.setEvents(result.events ?? [], qualify);
    this.legend.show(groups, index, this.timeline.laneBands);
    this.setDiagnostics(mergeDiagnostics(result.diagnostics, otherDiagnostics));
    this.render();
  }

  /** Lists diagnostics (a file that does not compile: its errors, with no run). */
  setDiagnostics(diags: readonly Diagnostic[]): void {
    this.diagnostics.set(diags);
    const errors = diags.filter((d) => d.severity === 'error').length;
    const warnings = diags.filter((d) => d.severity === 'warning').length;
    this.tabs.setBadge(
      'diagnostics',
      diags.length > 0 ? String(diags.length) : null,
      errors > 0 ? 'error' : warnings > 0 ? 'warning' : 'info',
    );
  }

  /** Current playback state (tests and the host read it). */
  get playback(): PlaybackState {
    return this.state;
  }

  /**
   * Moves the playhead to the next time after it that a thread reaches the statement at
   * `position`; returns where, or null (the status line says so).
   */
  nextRun(position: { line: number; character: number }): NextRun | null {
    if (!this.index) return null;
    const next = nextRunAt(this.index, position, this.state.time);
    if (next === null || next.t > this.state.revealed) {
      this.header.setStatus(`No thread reaches line ${position.line + 1} after t = ${Math.floor(this.state.time)}.`);
      return null;
    }
    this.header.setStatus(null);
    this.dispatch({ type: 'seek', time: next.t });
    return next;
  }

  dispatch(a: PlaybackAction): void {
    if (!this.index) return;
    const next = reducePlayback(this.state, a);
    if (next === this.state) return;
    const wasPlaying = this.state.playing;
    this.state = next;
    if (next.playing && !wasPlaying) {
      this.lastFrame = null;
      const loop = ++this.loop;
      requestAnimationFrame((t) => this.frame(t, loop));
    }
    this.render();
  }

  private frame(now: number, loop: number): void {
    if (!this.state.playing || loop !== this.loop) return;
    if (this.lastFrame !== null) {
      // Cap a frame's step so a tab that slept does not jump to the end.
      this.state = reducePlayback(this.state, { type: 'tick', elapsedMs: Math.min(now - this.lastFrame, 100) });
      this.render();
    }
    this.lastFrame = now;
    if (this.state.playing) requestAnimationFrame((t) => this.frame(t, loop));
  }

  /**
   * While the playhead moves fast (playing, scrubbing) the figure's links jump instead of gliding:
   * animating every link on every frame costs more than the frame has.
   */
  private noteMove(): void {
    const now = performance.now();
    if (now - this.lastMove < 150) document.body.dataset.moving = 'true';
    this.lastMove = now;
    if (this.stillTimer !== undefined) clearTimeout(this.stillTimer);
    this.stillTimer = setTimeout(() => delete document.body.dataset.moving, 200);
  }

  private render(): void {
    const s = this.state;
    this.noteMove();
    this.controls.update(s, this.index !== null);
    this.timeline.setTime(s.time, s.revealed < s.endTime ? s.revealed : Infinity);
    this.eventsStrip.setTime(s.time);
    document.body.dataset.playhead = String(s.time);
    if (this.index) this.renderInstant(this.index);
    if (this.host.saveState && this.saveTimer === undefined) {
      this.saveTimer = setTimeout(() => {
        this.saveTimer = undefined;
        this.host.saveState?.(this.state.time, this.state.speed);
      }, 300);
    }
  }

  /** What changes once per instant: the open tab's view, and the editor's marks. */
  private renderInstant(index: RunIndex): void {
    const s = this.state;
    const t = Math.floor(s.time);
    const tab = this.tabs.selected;
    if (tab === 'steps') this.steps.update(s);
    const key = `${t}|${tab}|${s.step}`;
    if (key === this.shownInstant) return;
    this.shownInstant = key;
    if (tab === 'mapping') {
      this.mapping.setTime(t);
      const snap = snapshotAt(index, t);
      this.mapping.setGraph(snap, waitGraph(snap, index.result));
    } else if (tab === 'steps') {
      this.stateView.show(snapshotAt(index, t));
    }
    this.host.marks?.(marksAt(index, t));
  }

  private onKey(e: KeyboardEvent): void {
    const s = shortcut(e);
    if (!s) return;
    e.preventDefault();
    if (s.action) this.dispatch(s.action);
    if (s.zoom) this.timeline.zoom(s.zoom);
    if (s.fit) this.timeline.fit();
  }

  /** Redraws the canvas when VS Code's theme or the system's colour scheme changes. */
  private watchTheme(): void {
    const refresh = (): void => {
      const palette = readPalette();
      this.timeline.setPalette(palette);
      this.mapping.setDark(palette.dark);
    };
    new MutationObserver(refresh).observe(document.body, {
      attributes: true,
      attributeFilter: ['class', 'data-vscode-theme-kind'],
    });
    new MutationObserver(refresh).observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });
    window.matchMedia?.('(prefers-color-scheme: dark)').addEventListener?.('change', refresh);
    queueMicrotask(refresh);
  }
}
