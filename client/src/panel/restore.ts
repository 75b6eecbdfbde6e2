/**
 * Which saved panels may be restored after a reload. The state a webview saved is data the
 * page wrote and could have been altered: a panel reopens only a `.threads` file, or an
 * untitled Threadscape document that is open in the editor (one the user could open
 * themselves); any other URI leaves the panel closed.
 */

/** The schemes of files a panel may reopen (local, and a remote workspace's). */
const FILE_SCHEMES = new Set(['file', 'vscode-remote']);

/**
 * True when a panel may reopen `uri`: a `.threads` file, or one of `openUntitled` (the URIs
 * of the untitled documents open with the Threadscape language).
 */
export function isRestorableUri(uri: string, openUntitled: ReadonlySet<string>): boolean {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s.exec(uri);
  if (!m) return false;
  const scheme = m[1].toLowerCase();
  if (scheme === 'untitled') return openUntitled.has(uri);
  if (!FILE_SCHEMES.has(scheme)) return false;
  const path = m[2].replace(/[?#].*$/s, '');
  return /\.threads$/i.test(path) && !/[\u0000-\u001f]/.test(path);
}
