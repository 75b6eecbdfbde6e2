/** The identifiers the manifest (package.json) and the extension share for the first-hour features. */

export const OPEN_SAMPLE_COMMAND = 'threadscape.openSample';
export const NEW_SCENARIO_COMMAND = 'threadscape.newScenario';
export const OPEN_REFERENCE_COMMAND = 'threadscape.openReference';
/** Context key that completes the walkthrough's "fix the deadlock" step (`onContext:` event). */
export const DEADLOCK_FIXED_CONTEXT = 'threadscape.deadlockFixed';
/** Context key that completes the walkthrough's "see a diagnostic" step (`onContext:` event). */
export const DIAGNOSTIC_SEEN_CONTEXT = 'threadscape.diagnosticSeen';
/** The reference pages `threadscape.openReference` takes, with their quick pick labels. */
export const REFERENCES = {
  language: 'The scenario language',
  diagnostics: 'Diagnostics: every code, with an example and its fix',
  cli: 'The threadscape command line',
} as const;
