import { describe, expect, it } from 'vitest'
import { Operations } from '../../../src/main/engine/operations'

describe('long operations', () => {
  it('reports progress at most about 20 times a second, always including the last step', async () => {
    const events: { done: number; etaSeconds: number | null }[] = []
    const ops = new Operations((_name, payload) =>
      events.push(payload as { done: number; etaSeconds: number | null })
    )
    await ops.run('a', async ({ onProgress }) => {
      const start = Date.now()
      let i = 0
      while (Date.now() - start < 300) onProgress({ phase: 'decode', done: ++i, total: 1e9 })
      onProgress({ phase: 'decode', done: 1e9, total: 1e9 })
    })
    expect(events.length).toBeGreaterThan(2)
    expect(events.length).toBeLessThanOrEqual(9) // 300 ms at ≤ 20/s, plus the final one
    expect(events.at(-1)).toMatchObject({ done: 1e9, etaSeconds: 0 })
  })

  it('gives no time left while the total is unknown, and does not send every count', async () => {
    const events: { done: number; total: number; etaSeconds: number | null }[] = []
    const ops = new Operations((_name, payload) => events.push(payload as (typeof events)[number]))
    const started = Date.now()
    await ops.run('count', async ({ onProgress }) => {
      for (let i = 1; i <= 2000; i++) onProgress({ phase: 'scan', done: i, total: 0 })
    })
    const elapsedMs = Date.now() - started
    expect(events.length).toBeGreaterThan(0)
    expect(events.length).toBeLessThanOrEqual(2 + elapsedMs / 50)
    expect(events.every((e) => e.total === 0 && e.etaSeconds === null)).toBe(true)
  })

  it('cancels a running operation through its signal', async () => {
    const ops = new Operations(() => {})
    const running = ops.run(
      'b',
      ({ signal }) =>
        new Promise((_resolve, reject) =>
          signal.addEventListener('abort', () => reject(new Error('stopped')))
        )
    )
    expect(ops.cancel('b')).toBe(true)
    await expect(running).rejects.toThrow('stopped')
    expect(ops.cancel('b')).toBe(false)
  })
})
