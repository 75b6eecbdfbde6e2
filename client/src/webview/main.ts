/**
 * Entry of dist/webview.js. Inside VS Code (acquireVsCodeApi exists) it talks to the panel's
 * host; in the standalone page written by `threadscape run --html` it shows the embedded run.
 */
import './theme.css';
import './layout.css';
import './timeline.css';
import './mapping.css';
import './lists.css';
import { startStandalone } from './standalone';
import { startVsCode, type VsCodeApi } from './vscode-host';

declare const acquireVsCodeApi: (() => VsCodeApi) | undefined;

function start(): void {
  const root = document.getElementById('threadscape-root') ?? document.body.appendChild(document.createElement('main'));
  const report = document.getElementById('threadscape-report');
  if (report) startStandalone(root, report.textContent ?? '');
  else if (typeof acquireVsCodeApi === 'function') startVsCode(root, acquireVsCodeApi());
  else root.textContent = 'Threadscape: nothing to show (no run embedded in this page).';
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
