import { describe, expect, it } from 'vitest'
import { createClient, type Transport } from '../../../src/shared/client'
import type { EventName } from '../../../src/shared/contractNames'

/** A transport that answers every call with `value` and lets the test push events. */
function fakeTransport(value: unknown) {
  const listeners = new Map<EventName, (payload: unknown) => void>()
  const transport: Transport = {
    invoke: async () => ({ ok: true, value }),
    subscribe: (event, listener) => {
      listeners.set(event, listener)
      return () => listeners.delete(event)
    }
  }
  return { transport, push: (event: EventName, payload: unknown) => listeners.get(event)?.(payload) }
}

describe('answers and events are checked against the contract in development and tests', () => {
  it('is on under the test runner: an answer that breaks its schema is a loud error, with where it breaks', async () => {
    const { transport } = fakeTransport({ cancelled: 'yes' })
    await expect(createClient(transport).call('op.cancel', { opId: 'x' })).rejects.toThrow(
      'The answer to op.cancel does not match its schema: cancelled:'
    )
    const good = fakeTransport({ cancelled: true })
    expect(await createClient(good.transport).call('op.cancel', { opId: 'x' })).toEqual({ cancelled: true })
  })

  it('checks each event before a listener sees it', () => {
    const { transport, push } = fakeTransport(null)
    const seen: unknown[] = []
    createClient(transport).on('engine.status', (s) => seen.push(s))
    push('engine.status', { state: 'ready' })
    expect(() => push('engine.status', { state: 'sleepy' })).toThrow(/engine\.status event does not match/)
    expect(seen).toEqual([{ state: 'ready' }])
  })

  it('is off when asked (a production build): values pass as the sender built them', async () => {
    const { transport, push } = fakeTransport({ cancelled: 'yes' })
    const client = createClient(transport, { checkSchemas: false })
    expect(await client.call('op.cancel', { opId: 'x' })).toEqual({ cancelled: 'yes' })
    const seen: unknown[] = []
    client.on('engine.status', (s) => seen.push(s))
    push('engine.status', { state: 'sleepy' })
    expect(seen).toEqual([{ state: 'sleepy' }])
  })
})
