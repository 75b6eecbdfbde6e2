/**
 * The protocol's lifecycle rule: before `initialize` is answered, every request gets the error
 * ServerNotInitialized and every notification but `exit` is dropped; a second `initialize` is
 * refused. Enforced on each incoming message, before any handler sees it.
 */
import {
  ErrorCodes,
  Message,
  ResponseError,
  type Connection,
  type ConnectionOptions,
  type RequestMessage,
} from 'vscode-languageserver';

/** The internal method a refused request is answered under (its id is kept). */
const REFUSED = 'threadscape/$refused';

interface Refusal {
  code: number;
  message: string;
}

export interface Lifecycle {
  /** Connection options that apply the rule; pass them to `createConnection`. */
  readonly options: ConnectionOptions;
  /** Called once `initialize` has been answered. */
  initialized(): void;
  /** Answers the refused requests; call once the connection exists. */
  register(connection: Connection): void;
}

export function lifecycle(): Lifecycle {
  let ready = false;
  const refuse = (m: RequestMessage, r: Refusal): RequestMessage => ({ ...m, method: REFUSED, params: r });
  return {
    options: {
      messageStrategy: {
        handleMessage(message, next) {
          if (Message.isRequest(message)) {
            if (message.method === 'initialize' && ready)
              return next(
                refuse(message, { code: ErrorCodes.InvalidRequest, message: 'the server is already initialized' }),
              );
            if (message.method !== 'initialize' && !ready)
              return next(
                refuse(message, {
                  code: ErrorCodes.ServerNotInitialized,
                  message: `the server is not initialized: '${message.method}' before 'initialize'`,
                }),
              );
          } else if (Message.isNotification(message) && !ready && message.method !== 'exit') {
            return;
          }
          return next(message);
        },
      },
    },
    initialized: () => {
      ready = true;
    },
    register(connection) {
      connection.onRequest(REFUSED, (r: Refusal) => {
        throw new ResponseError(r.code, r.message);
      });
    },
  };
}
