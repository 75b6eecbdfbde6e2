/** The integration suite's own small harness: a test registry and waits on VS Code events. */
import * as vscode from 'vscode';

/** A test; one that resolves to a string passed only in part, and the string says which part it left out and why. */
export type Test = { name: string; fn: () => Promise<void | string> };
/** Every test, in registration order (the modules' order of import). */
export const tests: Test[] = [];
/** Registers a test. */
export const test = (name: string, fn: () => Promise<void | string>): void => {
  tests.push({ name, fn });
};

/** Resolves with `probe()`'s value once it is defined, checking now and after each `event`. */
export function waitFor<T>(
  event: vscode.Event<unknown>,
  probe: () => T | undefined,
  what: string,
  ms = 30000,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const now = probe();
    if (now !== undefined) return resolve(now);
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
    }, ms);
    const sub = event(() => {
      const v = probe();
      if (v !== undefined) {
        clearTimeout(timer);
        sub.dispose();
        resolve(v);
      }
    });
  });
}

export const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

export function diagnosticsWith(uri: vscode.Uri, codes: string[], what: string): Promise<vscode.Diagnostic[]> {
  return waitFor(
    vscode.languages.onDidChangeDiagnostics,
    () => {
      const ds = vscode.languages.getDiagnostics(uri);
      return codes.every((c) => ds.some((d) => codeOf(d) === c)) ? ds : undefined;
    },
    what,
  );
}
