/**
 * The standalone report page: the run is embedded as JSON; a click on a diagnostic highlights
 * its line in the page's own listing of the scenario.
 */
import type { SourceRange } from '../../../server/src/language/model';
import { isReportData, normalizeDiagnostics } from '../protocol';
import { App } from './app';
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
  // Lines end as LSP counts them (\r\n, \n or a lone \r), so a range names the line shown.
  const lines = data.text.split(/\r\n|\r|\n/).map((l) => el('span', { text: l }));
  const source = el(
    'pre',
    { className: 'ts-source', attrs: { 'aria-label': `Source of ${data.fileName}`, tabindex: '0' } },
    lines,
  );
  const reveal = (range: SourceRange): void => {
    for (const l of lines) l.classList.remove('ts-hit');
    const hit = lines.slice(range.start.line, Math.max(range.end.line, range.start.line) + 1);
    for (const l of hit) l.classList.add('ts-hit');
    hit[0]?.scrollIntoView({ block: 'center' });
    if (hit[0]) source.scrollTop = Math.max(0, hit[0].offsetTop - source.clientHeight / 2);
  };
  const app = new App(root, { reveal });
  root.append(
    el('section', { attrs: { 'aria-labelledby': 'ts-src-title' } }, [
      el('h2', { text: data.fileName, attrs: { id: 'ts-src-title' } }),
      source,
    ]),
  );
  const result = { ...data.result, diagnostics: normalizeDiagnostics(data.result.diagnostics) };
  app.showRun(result, normalizeDiagnostics(data.diagnostics ?? []));
  document.body.dataset.ready = 'true';
}
