/**
 * The webview side of the VS Code panel: says `ready`, passes the host's messages (checked
 * first: a malformed one is ignored with a message) to the session, which runs the document's
 * model in the panel's mode, and posts `reveal`, `marks` and `saveReplay`. State (document,
 * playhead, speed, mode) is kept with setState so a reload restores the panel.
 */
import {
  parseHostMessage,
  isWebviewState,
  type HostMessage,
  type ThreadMark,
  type WebviewMessage,
  type WebviewState,
} from '../protocol';
import { App } from './app';
import { PanelSession } from './session';

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
  let session: PanelSession | null = null;
  const save = (time: number, speed: number): void => {
    if (uri) vscode.setState({ uri, time, speed, mode: session?.mode ?? restored?.mode ?? 'run' });
  };
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
      saveState: save,
      marks: (marks) => {
        pendingMarks = marks;
        if (marksTimer === undefined) marksTimer = setTimeout(flushMarks, 100);
      },
    },
    restored ? { time: restored.time, speed: restored.speed } : undefined,
  );
  app.header.setStatus('Waiting for the scenario…');
  const panel = (session = new PanelSession(app, post, restored?.mode ?? 'run', () =>
    save(app.playback.time, app.playback.speed),
  ));

  const onMessage = (msg: HostMessage): void => {
    switch (msg.type) {
      case 'error':
        app.header.setStatus(msg.message, 'error');
        return;
      case 'nextRun':
        app.nextRun(msg.position);
        return;
      case 'mode':
        panel.setMode(msg.mode);
        return;
      case 'replay':
        panel.onReplay(msg);
        return;
      case 'findings':
        panel.onFindings(msg);
        return;
      case 'model':
        uri = msg.uri;
        // Saved at once, so a reload restores the panel even before the first run is shown.
        save(app.playback.time, app.playback.speed);
        panel.onModel(msg);
    }
  };

  window.addEventListener('message', (e: MessageEvent<unknown>) => {
    const msg = parseHostMessage(e.data);
    if (msg) onMessage(msg);
    else app.header.setStatus('A malformed message from the editor was ignored.', 'error');
  });
  post({ type: 'ready' });
}
