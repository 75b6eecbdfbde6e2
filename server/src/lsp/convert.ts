/** Translation of core diagnostics into LSP diagnostics (one to one, docs/reference/diagnostics.md). */
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { Diagnostic, Severity } from '../language/diagnostic';
import { helpHref } from './diagnostic-help';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What a code action needs back from a published diagnostic (kept in its `data`). */
export interface DiagnosticData {
  /** The core diagnostic's own `data` (e.g. `suggestion` of `unknown-name`). */
  [key: string]: unknown;
  /** Simulated tick for diagnostics from simulation. */
  time?: number;
}

/**
 * One core diagnostic as LSP publishes it for the document `uri`; `help` gives the link of a
 * code to its section of the diagnostics reference (`codeDescription.href`).
 */
export function toLspDiagnostic(
  d: Diagnostic,
  uri: string,
  help: (code: string) => string | undefined = helpHref,
): LspDiagnostic {
  const out: LspDiagnostic = {
    range: d.range,
    severity: SEVERITY[d.severity],
    source: 'threadscape',
    code: d.code,
    message: d.message,
  };
  const href = help(d.code);
  if (href !== undefined) out.codeDescription = { href };
  if (d.relatedInformation.length > 0) {
    out.relatedInformation = d.relatedInformation.map((r) => ({
      location: { uri, range: r.range },
      message: r.message,
    }));
  }
  const data: DiagnosticData = { ...(d.data ?? {}) };
  if (d.time !== null) data.time = d.time;
  if (Object.keys(data).length > 0) out.data = data;
  return out;
}

/** Every diagnostic of a document, in the core's order. */
export function toLspDiagnostics(
  diags: readonly Diagnostic[],
  uri: string,
  help: (code: string) => string | undefined = helpHref,
): LspDiagnostic[] {
  return diags.map((d) => toLspDiagnostic(d, uri, help));
}
