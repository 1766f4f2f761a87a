import { describe, expect, it } from 'vitest'
import { createClient } from '../../../src/shared/client'
import { createDispatcher } from '../../../src/shared/dispatch'
import { WorkbenchError } from '../../../src/shared/workbenchError'

describe('the contract dispatcher', () => {
  const dispatch = createDispatcher({
    'files.list': async ({ path }) => ({
      root: '/',
      path: path ?? '/',
      parent: null,
      entries: [],
      imageCount: 0
    }),
    'op.cancel': async () => {
      throw new WorkbenchError('not-found', 'No such operation.')
    },
    'dataset.items': async () => {
      throw new Error('disk on fire')
    }
  })

  it('runs a handler with its parsed input', async () => {
    expect(await dispatch('files.list', { path: '/data' })).toMatchObject({
      ok: true,
      value: { path: '/data' }
    })
  })

  it('refuses an unknown route and names it', async () => {
    expect(await dispatch('fs.delete', {})).toEqual({
      ok: false,
      error: { code: 'bad-input', message: 'Unknown route "fs.delete".' }
    })
  })

  it('refuses input that does not match the schema, saying which field is wrong', async () => {
    const r = await dispatch('dataset.items', { offset: -1, limit: 10 })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.code).toBe('bad-input')
      expect(r.error.message).toContain('offset')
    }
  })

  it('passes a person-facing error through and never leaks a stack trace', async () => {
    expect(await dispatch('op.cancel', { opId: 'x' })).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'No such operation.' }
    })
    const r = await dispatch('dataset.items', { offset: 0, limit: 5 })
    expect(r).toEqual({ ok: false, error: { code: 'failed', message: 'disk on fire' } })
  })

  it('answers a route this side does not serve as unavailable', async () => {
    const r = await dispatch('dialog.openFolder', {})
    expect(r.ok ? null : r.error.code).toBe('unavailable')
  })

  it('the client turns a failed result into a WorkbenchError with the same message', async () => {
    const client = createClient({
      invoke: (route, input) => dispatch(route, input),
      subscribe: () => () => {}
    })
    await expect(client.call('op.cancel', { opId: 'x' })).rejects.toThrow('No such operation.')
    await expect(client.call('op.cancel', { opId: 'x' })).rejects.toBeInstanceOf(WorkbenchError)
  })

  it('logs failures with their stack, but not refusals (a sentence for the person is not a fault)', async () => {
    const logged: unknown[] = []
    const logging = createDispatcher(
      {
        'op.cancel': async () => {
          throw new WorkbenchError('not-found', 'No such operation.')
        },
        'dataset.items': async () => {
          throw new Error('disk on fire')
        }
      },
      (err) => logged.push(err)
    )
    expect((await logging('op.cancel', { opId: 'x' })).ok).toBe(false)
    expect(await logging('dataset.items', { offset: 'zero' })).toMatchObject({ error: { code: 'bad-input' } })
    expect(logged).toEqual([])
    expect(await logging('dataset.items', { offset: 0, limit: 1 })).toMatchObject({
      error: { code: 'failed', message: 'disk on fire' }
    })
    expect(logged).toHaveLength(1)
    expect((logged[0] as Error).stack).toMatch(/disk on fire/)
  })
})
