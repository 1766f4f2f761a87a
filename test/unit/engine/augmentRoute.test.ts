import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEngineHandlers } from '../../../src/main/engine/engineHandlers'
import { createClient } from '../../../src/shared/client'
import { createDispatcher } from '../../../src/shared/dispatch'

let dir: string
const client = () => clientRef!
let clientRef: ReturnType<typeof createClient> | null = null

async function noiseImage(file: string, seed: number): Promise<void> {
  const px = Buffer.alloc(12 * 12)
  for (let i = 0; i < px.length; i++) px[i] = (i * 37 + seed * 91) % 256
  await mkdir(path.dirname(file), { recursive: true })
  await sharp(px, { raw: { width: 12, height: 12, channels: 1 } })
    .png()
    .toFile(file)
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'aug-route-'))
  for (const cls of ['a', 'b', 'c'])
    for (let i = 0; i < 5; i++) await noiseImage(path.join(dir, 'ds', cls, `${i}.png`), i + cls.charCodeAt(0))
  const dispatch = createDispatcher(
    createEngineHandlers({ dataRoot: dir, cacheDir: path.join(dir, 'cache') }, () => {})
  )
  clientRef = createClient({ invoke: dispatch, subscribe: () => () => {} })
})

afterAll(async () => rm(dir, { recursive: true, force: true }))

const decode = (b64: string) => new Uint8Array(Buffer.from(b64, 'base64'))

describe('the augmentation preview route', () => {
  it('asks for a dataset first', async () => {
    await expect(
      client().call('augment.preview', { spec: { ops: [] }, seed: 1, variants: 1 })
    ).rejects.toThrow(/Open a dataset/)
  })

  it('shows images from every class, each with its variants, flipped exactly as specified', async () => {
    await client().call('dataset.open', {
      source: { kind: 'folder', path: path.join(dir, 'ds') },
      options: { channels: 1 }
    })
    const r = await client().call('augment.preview', {
      spec: { ops: [{ type: 'flip', direction: 'horizontal' }] },
      seed: 3,
      variants: 2,
      count: 6
    })
    expect(r.images).toHaveLength(6)
    expect(new Set(r.images.map((i) => i.label))).toEqual(new Set([0, 1, 2]))
    const { width, height } = r.input
    for (const image of r.images) {
      const original = decode(image.original)
      expect(image.variants).toHaveLength(2)
      const flipped = decode(image.variants[0]!.pixels)
      for (let y = 0; y < height; y++)
        for (let x = 0; x < width; x++)
          expect(flipped[y * width + x]).toBe(original[y * width + (width - 1 - x)])
      expect(image.variants[0]!.label).toMatch(/flip/)
    }
  })

  it('is deterministic for a seed and changes with it', async () => {
    const ask = (seed: number) =>
      client().call('augment.preview', {
        spec: {
          ops: [
            { type: 'rotate', degrees: [-40, 40] },
            { type: 'saltPepper', amount: 0.1 }
          ]
        },
        seed,
        variants: 3,
        indexes: [0, 7]
      })
    const [a, b, c] = await Promise.all([ask(5), ask(5), ask(6)])
    expect(b.images).toEqual(a.images)
    expect(c.images.map((i) => i.variants.map((v) => v.pixels))).not.toEqual(
      a.images.map((i) => i.variants.map((v) => v.pixels))
    )
    expect(a.images.map((i) => i.index)).toEqual([0, 7])
  })

  it('names the compute backend and why the better ones were not used', async () => {
    const b = await client().call('engine.backend', {})
    expect(['tfjs-node-gpu', 'tfjs-node', 'wasm', 'cpu']).toContain(b.name)
    expect(b.attempts.length).toBeGreaterThan(0)
    for (const failed of b.attempts.filter((a) => !a.ok)) expect(failed.reason).toBeTruthy()
    expect(b.description).toContain(b.name)
    // The training thread's choice: on this machine wasm, with onnxruntime's kernels behind it.
    expect(b.description).toMatch(
      /^Computing on wasm \(SIMD, 1 thread\); convolutions and matrix products on onnxruntime/
    )
  })
})
