import { createSourceEventStream, execute, type DocumentNode, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { viewerKey, type Context } from './context.js';

/**
 * Subscriptions resolved once per event, not once per socket: when one event reaches many sockets that asked for
 * the same selection (same document, operation and variables) for the same viewer — a user with many tabs and
 * devices, a room's watchers — the first execution's result is shared by the others. Results are keyed by the
 * event's payload object (the bus hands the same object to every listener), so they are dropped with the event.
 */
const resultsByEvent = new WeakMap<object, Map<string, Promise<ExecutionResult>>>();
const documentIds = new WeakMap<DocumentNode, number>();
let nextDocumentId = 1;

function documentId(document: DocumentNode): number {
  let id = documentIds.get(document);
  if (id === undefined) documentIds.set(document, (id = nextDocumentId++));
  return id;
}

function selectionKey(args: ExecutionArgs): string {
  const viewer = viewerKey((args.contextValue as Context | undefined)?.actor ?? null);
  return `${documentId(args.document)}|${args.operationName ?? ''}|${JSON.stringify(args.variableValues ?? {})}|${viewer}`;
}

function resultFor(payload: unknown, key: string, run: () => Promise<ExecutionResult>): Promise<ExecutionResult> {
  if (payload === null || typeof payload !== 'object') return run();
  let byKey = resultsByEvent.get(payload);
  if (!byKey) resultsByEvent.set(payload, (byKey = new Map()));
  let result = byKey.get(key);
  if (!result) byKey.set(key, (result = run()));
  return result;
}

/** graphql-js `subscribe`, with each event's execution shared as above (graphql-ws's `subscribe` option). */
export async function subscribeShared(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const stream = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in Object(stream))) return stream as ExecutionResult;
  return new SharedResults((stream as AsyncIterable<unknown>)[Symbol.asyncIterator](), args, selectionKey(args));
}

/** A class, not an object literal with closures: thousands of these live at once, one per open subscription. */
class SharedResults implements AsyncIterableIterator<ExecutionResult> {
  constructor(
    private readonly source: AsyncIterator<unknown>,
    private readonly args: ExecutionArgs,
    private readonly key: string,
  ) {}

  async next(): Promise<IteratorResult<ExecutionResult>> {
    const event = await this.source.next();
    if (event.done) return { value: undefined, done: true };
    const payload = event.value;
    return { value: await resultFor(payload, this.key, async () => execute({ ...this.args, rootValue: payload })), done: false };
  }

  async return(): Promise<IteratorResult<ExecutionResult>> {
    await this.source.return?.();
    return { value: undefined, done: true };
  }

  async throw(error?: unknown): Promise<IteratorResult<ExecutionResult>> {
    await this.source.return?.();
    throw error;
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<ExecutionResult> {
    return this;
  }
}
