/**
 * The webview side of the VS Code panel: says `ready`, receives the document's model, runs the
 * simulator in slices, and posts `reveal` when a diagnostic is clicked. State (document,
 * playhead, speed) is kept with setState so a reload restores the panel.
 */
import type { Model } from '../../../server/src/language/model';
import {
  isHostMessage,
  isWebviewState,
  normalizeDiagnostics,
  type HostMessage,
  type ModelMessage,
  type ThreadMark,
  type WebviewMessage,
  type WebviewState,
} from '../protocol';
import { App } from './app';
import { SlicedRun } from './runner';

/** The part of VS Code's webview API this page uses. */
export interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: WebviewState): void;
}

/** Starts the panel UI and its message loop. */
export function startVsCode(root: HTMLElement, vscode: VsCodeApi): void {
  const saved = vscode.getState();
  const restored = isWebviewState(saved) ? saved : null;
  let uri = restored?.uri ?? document.body.dataset.uri ?? '';
  const post = (m: WebviewMessage): void => vscode.postMessage(m);
  // The editor's marks follow the playhead, at most ten times a second (the last one always).
  let pendingMarks: ThreadMark[] | null = null;
  let marksTimer: ReturnType<typeof setTimeout> | undefined;
  let sentMarks = '';
  const flushMarks = (): void => {
    marksTimer = undefined;
    if (pendingMarks === null) return;
    const key = JSON.stringify(pendingMarks);
    if (key !== sentMarks) post({ type: 'marks', marks: pendingMarks });
    sentMarks = key;
    pendingMarks = null;
  };
  const app = new App(
    root,
    {
      reveal: (range) => post({ type: 'reveal', range }),
      saveState: (time, speed) => {
        if (uri) vscode.setState({ uri, time, speed });
      },
      marks: (marks) => {
        pendingMarks = marks;
        if (marksTimer === undefined) marksTimer = setTimeout(flushMarks, 100);
      },
    },
    restored ? { time: restored.time, speed: restored.speed } : undefined,
  );
  app.header.setStatus('Waiting for the scenario…');
  let run: SlicedRun | null = null;
  let shown = false;
  let lastModel = '';

  const simulate = (msg: ModelMessage, model: Model): void => {
    run?.cancel();
    app.header.setStatus('Simulating…');
    const started = (run = new SlicedRun(model, msg.fileName, {
      progress: (events, now) =>
        app.header.setStatus(`Simulating… ${events.toLocaleString('en-US')} events, t = ${now}`),
      done: (result) => {
        if (run !== started) return;
        run = null;
        shown = true;
        app.header.setStatus(null);
        app.showRun({ ...result, diagnostics: normalizeDiagnostics(result.diagnostics) }, msg.diagnostics);
        document.body.dataset.ready = 'true';
      },
      failed: (message) => {
        if (run !== started) return;
        run = null;
        app.header.setStatus(`The simulation failed: ${message}`, 'error');
      },
    }));
  };

  const onMessage = (msg: HostMessage): void => {
    if (msg.type === 'error') {
      app.header.setStatus(msg.message, 'error');
      return;
    }
    if (msg.type === 'nextRun') {
      app.nextRun(msg.position);
      return;
    }
    uri = msg.uri;
    // Saved at once, so a reload restores the panel even before the first run is shown.
    vscode.setState({ uri, time: app.playback.time, speed: app.playback.speed });
    if (msg.model === null) {
      const errors = msg.diagnostics.filter((d) => d.severity === 'error').length;
      const what = `${msg.fileName} has ${errors} error${errors === 1 ? '' : 's'}`;
      app.header.setStatus(
        shown ? `${what}: showing the last run that worked.` : `${what}: fix them to simulate.`,
        'error',
      );
      if (!shown) {
        // Nothing to play yet: the file's errors are what there is to see.
        app.header.setTitle(msg.fileName);
        app.setDiagnostics(msg.diagnostics);
        app.tabs.select('diagnostics');
      }
      return;
    }
    // An edit that leaves the model unchanged (a comment, spacing) keeps the run as it is.
    const key = JSON.stringify(msg.model);
    if (key === lastModel && (shown || run)) {
      app.header.setStatus(null);
      return;
    }
    lastModel = key;
    simulate(msg, msg.model);
  };

  window.addEventListener('message', (e: MessageEvent<unknown>) => {
    if (isHostMessage(e.data)) onMessage(e.data);
  });
  post({ type: 'ready' });
}
