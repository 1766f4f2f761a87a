import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runAugment } from '../../../src/main/cli/commands/augment'

let dir = ''

function captureIo() {
  const out = { stdout: '', stderr: '' }
  return {
    out,
    io: { stdout: (s: string) => void (out.stdout += s), stderr: (s: string) => void (out.stderr += s) }
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cnn-augment-cli-'))
  // A 20×16 colour gradient and a 10×10 grey square (resized to the first image's size).
  const colour = Buffer.alloc(16 * 20 * 3)
  for (let i = 0; i < 16 * 20; i++) colour.set([(i * 7) % 256, (i * 3) % 256, 128], i * 3)
  await sharp(colour, { raw: { width: 20, height: 16, channels: 3 } })
    .png()
    .toFile(path.join(dir, 'colour.png'))
  await sharp(Buffer.alloc(100, 200), { raw: { width: 10, height: 10, channels: 1 } })
    .png()
    .toFile(path.join(dir, 'grey.png'))
  await writeFile(
    path.join(dir, 'spec.json'),
    JSON.stringify({
      ops: [
        { type: 'rotate', degrees: [-30, 30] },
        { type: 'saltPepper', amount: 0.05 }
      ]
    })
  )
  await writeFile(path.join(dir, 'bad-spec.json'), '{"ops":[{"type":"rotate","degrees":[30,-30]}]}')
  await writeFile(path.join(dir, 'broken.png'), 'this is not a picture')
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('cnn-workbench augment', () => {
  it('writes N PNGs per image and a params.json describing each one', async () => {
    const out = path.join(dir, 'out')
    const { io, out: printed } = captureIo()
    const args = [
      path.join(dir, 'colour.png'),
      path.join(dir, 'grey.png'),
      '--augment',
      path.join(dir, 'spec.json')
    ]
    const code = await runAugment([...args, '--variants', '3', '--seed', '7', '--out', out], io)
    expect(printed.stderr).toBe('')
    expect(code).toBe(0)
    const files = (await readdir(out)).sort()
    expect(files).toEqual([
      'colour_v0.png',
      'colour_v1.png',
      'colour_v2.png',
      'grey_v0.png',
      'grey_v1.png',
      'grey_v2.png',
      'params.json'
    ])
    const meta = await sharp(path.join(out, 'grey_v2.png')).metadata()
    expect([meta.width, meta.height, meta.channels]).toEqual([20, 16, 3])

    const listing = JSON.parse(await readFile(path.join(out, 'params.json'), 'utf8'))
    expect(listing.seed).toBe(7)
    expect(listing.outputs).toHaveLength(6)
    const grey2 = listing.outputs.find((o: { file: string }) => o.file === 'grey_v2.png')
    expect(grey2.source).toBe(path.join(dir, 'grey.png'))
    expect(grey2.params.ops[0].type).toBe('rotate')
    expect(grey2.label).toMatch(/^rotate −?\d+(\.\d)?°, salt & pepper 0\.05$/)

    // Same seed, same files.
    const again = path.join(dir, 'again')
    expect(
      await runAugment([...args, '--variants', '3', '--seed', '7', '--out', again], captureIo().io)
    ).toBe(0)
    expect(await readFile(path.join(again, 'colour_v1.png'))).toEqual(
      await readFile(path.join(out, 'colour_v1.png'))
    )
  })

  it('honours --size and --channels', async () => {
    const out = path.join(dir, 'small')
    const code = await runAugment(
      [
        path.join(dir, 'colour.png'),
        '--preset',
        'lecture',
        '--size',
        '8x12',
        '--channels',
        '1',
        '--variants',
        '2',
        '--out',
        out
      ],
      captureIo().io
    )
    expect(code).toBe(0)
    const meta = await sharp(path.join(out, 'colour_v0.png')).metadata()
    expect([meta.height, meta.width, meta.channels]).toEqual([8, 12, 1])
  })

  it('fails with a clear message on a bad spec, an unreadable image, or missing options', async () => {
    const bad = captureIo()
    const badSpec = ['--augment', path.join(dir, 'bad-spec.json'), '--out', path.join(dir, 'x')]
    expect(await runAugment([path.join(dir, 'colour.png'), ...badSpec], bad.io)).toBe(1)
    expect(bad.out.stderr).toContain('ops[0].degrees')

    const unreadable = captureIo()
    const spec = ['--augment', path.join(dir, 'spec.json'), '--out', path.join(dir, 'y')]
    expect(
      await runAugment([path.join(dir, 'colour.png'), path.join(dir, 'broken.png'), ...spec], unreadable.io)
    ).toBe(1)
    expect(unreadable.out.stderr).toContain(`cannot read the image ${path.join(dir, 'broken.png')}`)

    const missing = captureIo()
    expect(
      await runAugment([path.join(dir, 'colour.png'), '--augment', path.join(dir, 'spec.json')], missing.io)
    ).toBe(2)
    expect(missing.out.stderr).toContain('--out DIR is required')
  })
})
