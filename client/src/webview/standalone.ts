/**
 * The standalone report page: the run is embedded in its packed recorded form; the page
 * unpacks it (deriving the CPU lanes again) and shows it with the scenario's text in a Source
 * tab, where a click on a diagnostic or an event highlights its lines and each thread's place
 * at the playhead is marked in its colour.
 */
import type { SourceRange } from '../../../server/src/language/model';
import { unpackRun } from '../../../server/src/simulator/pack';
import type { RunResult } from '../../../server/src/simulator/trace';
import { isReportData, normalizeDiagnostics, type ThreadMark } from '../protocol';
import { threadColour } from '../thread-colours';
import { App } from './app';
import { readPalette } from './colours';
import { el } from './dom';

/** Shows the report embedded in `json` inside `root`. */
export function startStandalone(root: HTMLElement, json: string): void {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    data = null;
  }
  if (!isReportData(data)) {
    root.textContent = 'Threadscape: the embedded run is malformed.';
    return;
  }
  let run: RunResult;
  try {
    run = unpackRun(data.run);
  } catch (e) {
    root.textContent = `Threadscape: ${e instanceof Error ? e.message : String(e)}.`;
    return;
  }
  // Lines end as LSP counts them (\r\n, \n or a lone \r), so a range names the line shown.
  const lines = data.text.split(/\r\n|\r|\n/).map((l) => el('span', { text: l }));
  const source = el(
    'pre',
    { className: 'ts-source', attrs: { 'aria-label': `Source of ${data.fileName}`, tabindex: '0' } },
    lines,
  );
  let showSource = (): void => {};
  const reveal = (range: SourceRange): void => {
    showSource();
    for (const l of lines) l.classList.remove('ts-hit');
    const hit = lines.slice(range.start.line, Math.max(range.end.line, range.start.line) + 1);
    for (const l of hit) l.classList.add('ts-hit');
    if (hit[0]) source.scrollTop = Math.max(0, hit[0].offsetTop - source.clientHeight / 2);
  };
  let marked: HTMLElement[] = [];
  // The scheme's darkness, read once and again when the scheme changes (not at every instant).
  let dark = readPalette().dark;
  window.matchMedia?.('(prefers-color-scheme: dark)').addEventListener?.('change', () => (dark = readPalette().dark));
  const marks = (list: ThreadMark[]): void => {
    for (const m of marked) m.remove();
    marked = [];
    for (const m of list) {
      const line = lines[m.range.start.line];
      if (!line) continue;
      const tag = el('span', {
        className: 'ts-mark',
        text: ` ◂ ${m.thread} (${m.state})${m.others ? ` and ${m.others} more` : ''}`,
      });
      tag.style.color = threadColour(m.colour, dark);
      line.append(tag);
      marked.push(tag);
    }
  };
  const app = new App(root, { reveal, marks });
  app.tabs.add('source', data.fileName, source);
  showSource = () => app.tabs.select('source');
  const result = { ...run, diagnostics: normalizeDiagnostics(run.diagnostics) };
  app.showRun(result, normalizeDiagnostics(data.diagnostics ?? []));
  document.body.dataset.ready = 'true';
}
