/**
 * `threadscape run FILE --html OUT`: a self-contained playback page. The webview's own bundle
 * and stylesheet are inlined (scripts and styles allowed by a per-page nonce, nothing from the
 * network), and the run is embedded, packed (pack.ts), as JSON in a non-executable
 * `<script type="application/json">` block with `<` escaped.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyse } from '../analysis';
import type { Diagnostic } from '../language/diagnostic';
import type { Model } from '../language/model';
import { simulate, type RunResult, type SimulationOptions } from '../simulator';
import { packRun } from '../simulator/pack';
import { UsageError } from './options';

export interface HtmlReportInput {
  /** The file name as given on the command line (shown, and the scenario's name without a title). */
  fileName: string;
  text: string;
  result: RunResult;
  model: Model;
  /** The options of the run, used when `result` lacks spans and the run must be recorded again. */
  options?: SimulationOptions;
}

/** The built webview bundle and its stylesheet. */
export interface WebviewAssets {
  script: string;
  style: string;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * JSON safe inside a `<script type="application/json">` block: every `<` becomes `\u003c`,
 * so no `</script>` or `<!--` can end or alter the block; JSON.parse restores it.
 */
export function embedJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Code safe inside an inline `<script>` or `<style>`: `</script`, `</style` and `<!--` cannot occur. */
export function embedCode(code: string): string {
  return code.replace(/<\/(script|style)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/** A run with events, spans, inversions and topology: the given one, or a recorded re-run. */
export function recordedResult(input: HtmlReportInput): RunResult {
  const r = input.result;
  if (r.spans && r.events && r.topology) return r;
  // The simulator is deterministic: the same model and options give the same run, recorded.
  return simulate(input.model, { ...input.options, record: { events: true, spans: true }, scenarioName: r.scenario });
}

/** The page's HTML. Pure apart from the nonce, which `nonce` can fix for tests. */
export function renderHtmlReport(
  input: HtmlReportInput,
  assets: WebviewAssets,
  nonce = randomBytes(18).toString('base64'),
): string {
  const result = recordedResult(input);
  // The static analysis's findings join the run's own in the page's list.
  const diagnostics: Diagnostic[] = input.model ? analyse(input.model) : [];
  // The run in its packed recorded form (pack.ts): a few numbers a span or an event.
  const data = { fileName: input.fileName, text: input.text, run: packRun(result), diagnostics };
  const csp = [`default-src 'none'`, `script-src 'nonce-${nonce}'`, `style-src 'nonce-${nonce}'`, `img-src data:`].join(
    '; ',
  );
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="threadscape">
<title>Threadscape: ${escapeHtml(result.scenario)}</title>
<style nonce="${nonce}">${embedCode(assets.style)}</style>
</head>
<body>
<main id="threadscape-root"><p>Loading the playback of ${escapeHtml(input.fileName)}…</p></main>
<script type="application/json" id="threadscape-report">${embedJson(data)}</script>
<script nonce="${nonce}">${embedCode(assets.script)}</script>
</body>
</html>
`;
}

/** Reads dist/webview.js and dist/webview.css from the folder of the running bundle. */
export function readWebviewAssets(dir: string = __dirname): WebviewAssets {
  const js = join(dir, 'webview.js');
  const css = join(dir, 'webview.css');
  if (!existsSync(js) || !existsSync(css)) {
    throw new UsageError(`--html needs the built webview (${js}); run 'npm run build' first`);
  }
  // The source map comments point at files the page does not carry.
  const strip = (code: string): string => code.replace(/\n\/[/*]# sourceMappingURL=[^\n]*\s*$/, '\n');
  return { script: strip(readFileSync(js, 'utf8')), style: strip(readFileSync(css, 'utf8')) };
}

/**
 * Writes the standalone playback page of a run to `outFile` and says where on stderr (stdout
 * stays the summary's, or the JSON's). Returns the absolute path.
 */
export function writeHtmlReport(
  outFile: string,
  input: { fileName: string; text: string; result: RunResult; model: Model; options?: SimulationOptions },
): string {
  const page = renderHtmlReport(input, readWebviewAssets());
  const path = resolve(outFile);
  try {
    writeFileSync(path, page, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such folder'
        : code === 'EISDIR'
          ? 'is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : (e as Error).message;
    throw new UsageError(`cannot write ${outFile}: ${why}`);
  }
  process.stderr.write(`threadscape: wrote the playback page ${path}\n`);
  return path;
}
