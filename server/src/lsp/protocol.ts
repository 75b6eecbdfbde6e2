/**
 * Custom requests between the extension (client) and the language server, as typed
 * RequestType constants: the one place both sides take their names and shapes from.
 */
import { RequestType } from 'vscode-languageserver-protocol';
import type { Diagnostic } from '../language/diagnostic';
import type { Model } from '../language/model';

export interface ModelParams {
  /** The document's URI. */
  uri: string;
}

export interface ModelResult {
  uri: string;
  /** Version of the document the model was lowered from. */
  version: number;
  /** The file's base name, used as the scenario name when the file has no title. */
  fileName: string;
  /** Null when the text has errors (the last good model is not kept here). */
  model: Model | null;
  /** The text and analysis diagnostics of that version. */
  diagnostics: Diagnostic[];
}

/** `threadscape/model`: the lowered Model of an open document, for the playback panel. */
export const ModelRequest = new RequestType<ModelParams, ModelResult, void>('threadscape/model');
