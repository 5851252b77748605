import { describe, expect, it } from 'vitest';
import { newClientId, stillPending, updatePending, withNewest, type PendingMessage } from './outbox';

const pending = (clientId: string, conversationId = 'c1'): PendingMessage => ({
  clientId,
  conversationId,
  body: `text ${clientId}`,
  image: null,
  createdAt: new Date(0).toISOString(),
  state: 'sending',
});

describe('the outbox', () => {
  it('drops a pending message once its echo (same clientId) is in the list, whichever way it came', () => {
    const outbox = [pending('a'), pending('b'), pending('x', 'c2')];
    expect(stillPending(outbox, 'c1', [{ clientId: 'a' }, { clientId: null }]).map((p) => p.clientId)).toEqual(['b']);
    expect(stillPending(outbox, 'c2', []).map((p) => p.clientId)).toEqual(['x']);
  });

  it('marks one message failed and back to sending for a retry', () => {
    const failed = updatePending([pending('a'), pending('b')], 'b', { state: 'failed', problem: 'no' });
    expect(failed.map((p) => p.state)).toEqual(['sending', 'failed']);
    expect(updatePending(failed, 'b', { state: 'sending' })[1]!.state).toBe('sending');
  });

  it('gives distinct client ids', () => {
    expect(newClientId()).not.toBe(newClientId());
  });
});

describe('withNewest', () => {
  const edge = (id: string, clientId: string | null = null) => ({ cursor: '', node: { id, clientId } });

  it('puts a new message on top of the newest-first list', () => {
    expect(withNewest([edge('2'), edge('1')], edge('3'))!.map((e) => e.node.id)).toEqual(['3', '2', '1']);
  });

  it('adds a message only once, by id or by clientId (the mutation’s answer and the live event)', () => {
    expect(withNewest([edge('2', 'k')], edge('2', 'k'))).toBeNull();
    expect(withNewest([edge('2', 'k')], edge('9', 'k'))).toBeNull();
  });
});
