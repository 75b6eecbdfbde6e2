/** `threadscape/model`: the lowered Model of the latest version of a document (playback panel). */
import { ResponseError, ErrorCodes } from 'vscode-languageserver';
import type { ServerContext } from './context';
import { ModelRequest, type ModelResult } from './protocol';

/** Answers `threadscape/model` for open documents; an unknown URI is an InvalidParams error. */
export function registerModelRequest(ctx: ServerContext): void {
  ctx.connection.onRequest(ModelRequest, (params): ModelResult => {
    const a = params && typeof params.uri === 'string' ? ctx.store.analysis(params.uri) : undefined;
    if (!a) {
      throw new ResponseError(ErrorCodes.InvalidParams, `threadscape/model: no open document ${String(params?.uri)}`);
    }
    return {
      uri: a.uri,
      version: a.version,
      fileName: a.fileName,
      model: a.compilation?.model ?? null,
      diagnostics: a.diagnostics,
    };
  });
}
