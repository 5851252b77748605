import { describe, expect, it } from 'vitest';
import { createRestartableClient } from './restartableWs';

/** An in-memory graphql-transport-ws server: acknowledges, records connectionParams, never pushes. */
class FakeSocket {
  static CONNECTING = 0;
  static OPEN = 1;
  static CLOSING = 2;
  static CLOSED = 3;
  static sockets: FakeSocket[] = [];
  readyState = FakeSocket.CONNECTING;
  protocol = 'graphql-transport-ws';
  params: unknown = undefined;
  subscriptions: string[] = [];
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: ((event: { code: number; reason: string; wasClean: boolean }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;

  constructor() {
    FakeSocket.sockets.push(this);
    setTimeout(() => {
      this.readyState = FakeSocket.OPEN;
      this.onopen?.({});
    });
  }

  send(data: string): void {
    const message = JSON.parse(data) as { type: string; id?: string; payload?: unknown };
    if (message.type === 'connection_init') {
      this.params = message.payload;
      setTimeout(() => this.onmessage?.({ data: JSON.stringify({ type: 'connection_ack' }) }));
    } else if (message.type === 'subscribe') {
      this.subscriptions.push(message.id!);
    }
  }

  close(code = 1000, reason = ''): void {
    this.readyState = FakeSocket.CLOSED;
    setTimeout(() => this.onclose?.({ code, reason, wasClean: true }));
  }
}

describe('createRestartableClient', () => {
  it('reconnects with fresh connectionParams and resubscribes after restart()', async () => {
    FakeSocket.sockets = [];
    let token = 'first';
    const client = createRestartableClient({
      url: 'ws://test/graphql',
      lazy: true,
      webSocketImpl: FakeSocket,
      retryWait: async () => {},
      connectionParams: () => ({ authorization: `Bearer ${token}` }),
    });
    client.restart(); // Nothing open yet: nothing to do.

    const unsubscribe = client.subscribe({ query: 'subscription { notificationAdded { id } }' }, { next() {}, error() {}, complete() {} });
    await expect.poll(() => FakeSocket.sockets[0]?.subscriptions.length).toBe(1);
    expect(FakeSocket.sockets).toHaveLength(1);
    expect(FakeSocket.sockets[0]!.params).toEqual({ authorization: 'Bearer first' });

    token = 'second';
    client.restart();
    await expect.poll(() => FakeSocket.sockets[1]?.subscriptions.length).toBe(1);
    expect(FakeSocket.sockets[1]!.params).toEqual({ authorization: 'Bearer second' });

    unsubscribe();
    await client.dispose();
  });
});
