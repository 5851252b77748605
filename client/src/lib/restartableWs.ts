import { createClient, type Client, type ClientOptions } from 'graphql-ws';

export interface RestartableClient extends Client {
  /** Reconnects with fresh connectionParams; active subscriptions are resubscribed. */
  restart(): void;
}

/** 4205 is not a fatal close code: graphql-ws reconnects and resubscribes. */
const RESTART_CODE = 4205;

/**
 * graphql-ws's restartable-client recipe: a token change must reach the socket.
 * Only an open socket was set up with the old connectionParams; a closed or
 * connecting one reads them afresh when it opens.
 */
export function createRestartableClient(options: ClientOptions): RestartableClient {
  const idle = () => {};
  let restart = idle;
  const client = createClient({
    ...options,
    on: {
      ...options.on,
      opened: (socket) => {
        options.on?.opened?.(socket);
        const ws = socket as WebSocket;
        restart = () => {
          if (ws.readyState === 1 /* OPEN */) ws.close(RESTART_CODE, 'Client Restart');
        };
      },
      closed: (event) => {
        options.on?.closed?.(event);
        restart = idle;
      },
    },
  });
  return Object.assign(client, { restart: () => restart() });
}
