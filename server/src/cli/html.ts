/**
 * `threadscape run FILE --html OUT`: a self-contained playback page. The webview's own bundle
 * and stylesheet are inlined (scripts and styles allowed by a per-page nonce, nothing from the
 * network), and the run is embedded, packed (pack.ts), as JSON in a non-executable
 * `<script type="application/json">` block with `<` escaped.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Diagnostic } from '../language/diagnostic';
import type { RunResult } from '../simulator';
import { packRun } from '../simulator/pack';
import { escapeControls } from '../language/escape';
import { UsageError } from './errors';
import { writeOutput } from './files';

export interface HtmlReportInput {
  /** The file name as given on the command line (shown, and the scenario's name without a title). */
  fileName: string;
  text: string;
  /** The run, recorded with events and spans (its topology comes with the spans). */
  result: RunResult;
  /** The static analysis's diagnostics, listed in the page with the run's own. */
  analysis: Diagnostic[];
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

/** The page's HTML. Pure apart from the nonce, which `nonce` can fix for tests. */
export function renderHtmlReport(
  input: HtmlReportInput,
  assets: WebviewAssets,
  nonce = randomBytes(18).toString('base64'),
): string {
  const result = input.result;
  if (!result.spans || !result.events || !result.topology)
    throw new Error('the playback page needs a run recorded with events and spans');
  // The run in its packed recorded form (pack.ts): a few numbers a span or an event.
  const data = { fileName: input.fileName, text: input.text, run: packRun(result), diagnostics: input.analysis };
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
export function writeHtmlReport(outFile: string, input: HtmlReportInput, assets: WebviewAssets): string {
  const page = renderHtmlReport(input, assets);
  writeOutput(outFile, [page]);
  const path = resolve(outFile);
  process.stderr.write(`threadscape: wrote the playback page ${escapeControls(path)}\n`);
  return path;
}
