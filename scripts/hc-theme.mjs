// VS Code's high-contrast theme, emulated in a page: the screenshot scripts evaluate HC after load.
/** VS Code's high-contrast theme as a webview sees it: a body class and theme variables. */
export const HC = `document.body.classList.add('vscode-high-contrast');
document.body.dataset.vscodeThemeKind = 'vscode-high-contrast';
const v = { 'editor-background': '#000000', 'editor-foreground': '#ffffff', 'descriptionForeground': '#ffffff',
  'panel-border': '#6fc3df', 'contrastBorder': '#6fc3df', 'focusBorder': '#f38518', 'charts-red': '#f48771',
  'charts-blue': '#75beff', 'charts-yellow': '#ffd700', 'charts-orange': '#ff9e4a', 'charts-green': '#89d185',
  'charts-purple': '#d3a1ff', 'errorForeground': '#f48771', 'editorCursor-foreground': '#ffffff',
  'button-background': '#000000', 'button-foreground': '#ffffff', 'button-border': '#6fc3df',
  'button-secondaryBackground': '#000000', 'button-secondaryForeground': '#ffffff', 'badge-background': '#000000',
  'list-activeSelectionBackground': '#000000', 'list-activeSelectionForeground': '#ffffff',
  'contrastActiveBorder': '#f38518' };
for (const [k, val] of Object.entries(v)) document.body.style.setProperty('--vscode-' + k, val);`;
