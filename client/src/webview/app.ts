/**
 * The playback UI, host-independent: the heading, toolbar, timeline, mapping figure,
 * diagnostics and legend, driven by the playback state machine. The VS Code panel and the
 * standalone page differ only in the `AppHost` they pass.
 */
import type { Diagnostic } from '../../../server/src/language/diagnostic';
import type { SourceRange } from '../../../server/src/language/model';
import type { RunResult } from '../../../server/src/simulator/trace';
import { readPalette } from './colours';
import { Controls, shortcut } from './controls';
import { DiagnosticsList, mergeDiagnostics } from './diagnostics-list';
import { el } from './dom';
import { EventsStrip } from './events-strip';
import { Header } from './header';
import { buildLanes, drawnEnd, eventMarks, firstProblem, topologyOf } from './lanes';
import { legend } from './legend';
import { MappingView } from './mapping-view';
import { initialPlayback, reducePlayback, type PlaybackAction, type PlaybackState } from './playback';
import { Timeline } from './timeline';

export interface AppHost {
  /** Show a source range (the editor, or the standalone page's source listing). */
  reveal(range: SourceRange): void;
  /** Remember the playhead and speed (VS Code's setState); called at most a few times a second. */
  saveState?(time: number, speed: number): void;
}

export class App {
  readonly header = new Header();
  private readonly controls: Controls;
  private readonly timeline: Timeline;
  private readonly mapping = new MappingView();
  private readonly diagnostics: DiagnosticsList;
  private readonly eventsStrip: EventsStrip;
  private state: PlaybackState = initialPlayback({ endTime: 0, marks: [], firstProblem: null });
  private hasRun = false;
  private lastFrame: number | null = null;
  /** Identifies the current animation loop, so a pause and replay never runs two. */
  private loop = 0;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;

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
    this.diagnostics = new DiagnosticsList({
      open: (d: Diagnostic) => {
        this.host.reveal(d.range);
        if (d.time !== null) this.dispatch({ type: 'seek', time: d.time });
      },
    });
    root.replaceChildren(
      this.header.element,
      this.controls.element,
      this.eventsStrip.element,
      el('section', { attrs: { 'aria-labelledby': 'ts-tl-title' } }, [
        el('h2', { text: 'Timeline', attrs: { id: 'ts-tl-title' } }),
        this.timeline.element,
        legend(),
      ]),
      el('section', { attrs: { 'aria-labelledby': 'ts-map-title' } }, [
        el('h2', { text: 'Threads, LWPs, kernel threads and CPUs at the playhead', attrs: { id: 'ts-map-title' } }),
        this.mapping.element,
      ]),
      this.diagnostics.element,
    );
    this.controls.update(this.state, false);
    document.addEventListener('keydown', (e) => this.onKey(e));
    this.watchTheme();
  }

  /** Shows a run (a new one keeps the playhead where it was, clamped to the run's end). */
  showRun(result: RunResult, otherDiagnostics: readonly Diagnostic[] = []): void {
    const groups = buildLanes(result);
    const marks = eventMarks(result);
    const problem = firstProblem(result);
    const run = { endTime: result.endTime, marks, firstProblem: problem, steps: (result.events ?? []).map((e) => e.t) };
    const deadlocks = (result.events ?? []).filter((e) => e.kind === 'deadlock').map((e) => e.t);
    this.state = this.hasRun ? reducePlayback(this.state, { type: 'load', run }) : initialPlayback(run, this.keep);
    this.hasRun = true;
    this.header.setTitle(result.scenario);
    this.header.setRun(result);
    this.timeline.setRun(groups, drawnEnd(groups, result.endTime), deadlocks);
    this.mapping.setRun(groups, topologyOf(result));
    this.eventsStrip.setEvents(result.events ?? []);
    this.diagnostics.set(mergeDiagnostics(result.diagnostics, otherDiagnostics));
    this.render();
  }

  /** Current playback state (tests and the host read it). */
  get playback(): PlaybackState {
    return this.state;
  }

  dispatch(a: PlaybackAction): void {
    if (!this.hasRun) return;
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

  private render(): void {
    this.controls.update(this.state, this.hasRun);
    this.timeline.setTime(this.state.time);
    this.mapping.setTime(this.state.time);
    this.eventsStrip.setTime(this.state.time);
    document.body.dataset.playhead = String(this.state.time);
    if (this.host.saveState && this.saveTimer === undefined) {
      this.saveTimer = setTimeout(() => {
        this.saveTimer = undefined;
        this.host.saveState?.(this.state.time, this.state.speed);
      }, 300);
    }
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
    const refresh = (): void => this.timeline.setPalette(readPalette());
    new MutationObserver(refresh).observe(document.body, {
      attributes: true,
      attributeFilter: ['class', 'data-vscode-theme-kind'],
    });
    new MutationObserver(refresh).observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });
    window.matchMedia?.('(prefers-color-scheme: dark)').addEventListener?.('change', refresh);
  }
}
