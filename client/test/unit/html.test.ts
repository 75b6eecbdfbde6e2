import { test } from 'node:test';
import assert from 'node:assert/strict';
import { embedCode, embedJson, escapeHtml, renderHtmlReport } from '@server/cli/html';
import { panelCsp, panelHtml } from '../../src/panel/html';
import { isReportData, normalizeDiagnostics } from '../../src/protocol';
import { sampleRun } from '../fixtures/sample-run';
import { packRun } from '@server/simulator/pack';

const EVIL = '<img src=x onerror=alert(1)>';

test('panel HTML: CSP default-src none, script by nonce only, no inline data, escaped title and URI', () => {
  const html = panelHtml({
    cspSource: 'https://x.vscode-cdn.net',
    scriptUri: 'https://x/dist/webview.js',
    styleUri: 'https://x/dist/webview.css',
    nonce: 'N0nce',
    title: EVIL,
    uri: 'file:///a"b<c>.threads',
  });
  assert.match(
    html,
    /content="default-src &#39;none&#39;; script-src &#39;nonce-N0nce&#39;; style-src https:\/\/x.vscode-cdn.net;/,
  );
  assert.ok(!html.includes(EVIL));
  assert.ok(html.includes('&#60;img src=x onerror=alert(1)&#62;'));
  assert.ok(html.includes('data-uri="file:///a&#34;b&#60;c&#62;.threads"'));
  const scripts = html.match(/<script[^>]*>[^<]*<\/script>/g) ?? [];
  assert.deepEqual(
    scripts,
    ['<script nonce="N0nce" src="https://x/dist/webview.js"></script>'],
    'one script, by nonce, empty',
  );
  assert.ok(!panelCsp('s', 'n').includes('unsafe'));
});

test('escaping helpers', () => {
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
  const json = embedJson({ s: '</script><!-- \u2028' });
  assert.ok(!json.includes('<'));
  assert.deepEqual(JSON.parse(json), { s: '</script><!-- \u2028' });
  assert.equal(embedCode('a="</script>";b="</STYLE>";c="<!--"'), 'a="<\\/script>";b="<\\/STYLE>";c="<\\!--"');
});

test('standalone page: inlined assets by nonce, run embedded as inert JSON, hostile names escaped', () => {
  const run = sampleRun(EVIL);
  run.threads[0].name = '</script><script>alert(1)</script>';
  const html = renderHtmlReport(
    { fileName: `${EVIL}.threads`, text: 'process p { }\n', result: run, analysis: [] },
    { script: 'console.log("</script>")', style: 'body{}' },
    'NONCE',
  );
  assert.match(
    html,
    /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; script-src &#39;nonce-NONCE&#39;; style-src &#39;nonce-NONCE&#39;/,
  );
  assert.ok(html.includes('<script nonce="NONCE">console.log("<\\/script>")</script>'));
  assert.ok(html.includes('<style nonce="NONCE">body{}</style>'));
  assert.ok(html.includes(`<title>Threadscape: &#60;img src=x onerror=alert(1)&#62;</title>`));
  const m = /<script type="application\/json" id="threadscape-report">([^<]*)<\/script>/.exec(html);
  assert.ok(m, 'the JSON block holds no < at all');
  const data: unknown = JSON.parse(m[1]);
  assert.ok(isReportData(data));
  assert.equal(data.run.threads.rows[0][0], '</script><script>alert(1)</script>');
  assert.equal(data.fileName, `${EVIL}.threads`);
  assert.equal((html.match(/<script/g) ?? []).length, 2);
});

test('report data validation refuses what the page cannot show', () => {
  const ok = { fileName: 'a', text: '', run: packRun(sampleRun()) };
  assert.ok(isReportData(ok));
  assert.equal(isReportData({ ...ok, run: { ...ok.run, head: { ...ok.run.head, endTime: -1 } } }), false);
  assert.equal(isReportData({ ...ok, run: { ...ok.run, head: { ...ok.run.head, diagnostics: 'none' } } }), false);
  assert.equal(isReportData({ ...ok, run: null }), false);
  assert.equal(isReportData({ ...ok, text: 3 }), false);
  assert.equal(isReportData(null), false);
});

test('diagnostics are normalised: a broken range end becomes the start, unusable ones are dropped', () => {
  const start = { line: 17, character: 38 };
  const list = normalizeDiagnostics([
    {
      code: 'stack-overflow',
      severity: 'error',
      message: 'm',
      range: { start, end: { line: 17, character: null } },
      time: 2,
      relatedInformation: [{ range: { start, end: { line: 17 } }, message: 'x' }],
    },
    {
      code: 'unused-declaration',
      severity: 'hint',
      message: 'm',
      range: { start, end: start },
      time: null,
      relatedInformation: [],
    },
    { code: 'hang', severity: 'error', message: 'm', range: { end: start } },
    { code: 'hang', severity: 'fatal', message: 'm', range: { start, end: start } },
    { code: 'no-such-code', severity: 'error', message: 'm', range: { start, end: start } },
    null,
  ]);
  assert.deepEqual(
    list.map((d) => d.code),
    ['stack-overflow', 'unused-declaration'],
  );
  assert.deepEqual(list[0].range, { start, end: start });
  assert.deepEqual(list[0].relatedInformation, []);
  assert.equal(list[0].time, 2);
});
