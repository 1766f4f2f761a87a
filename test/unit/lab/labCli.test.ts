import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../../src/main/cli/main'
import { runCliProcess } from '../../support/runCli'

let dir = ''
let picture = ''

function capture() {
  const out = { stdout: '', stderr: '' }
  const io = {
    stdout: (s: string) => void (out.stdout += s),
    stderr: (s: string) => void (out.stderr += s),
    interactive: false
  }
  return { out, io }
}

async function cli(args: string[]) {
  const { out, io } = capture()
  const code = await runCli(args, io)
  return { code, ...out }
}

const INPUT = '[[0,1,0,1,1],[1,1,0,1,0],[1,0,1,0,1],[1,1,0,1,0],[0,0,1,1,0]]'
const KERNEL = '[[1,0,1],[0,1,0],[1,0,1]]'

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cw-lab-cli-'))
  picture = path.join(dir, 'picture.png')
  // 293 rows × 220 columns: white above row 100, black below; a colour picture read as greyscale.
  const rgb = Buffer.alloc(220 * 293 * 3)
  for (let i = 0; i < 220 * 100; i++) rgb.set([255, 255, 255], i * 3)
  await sharp(rgb, { raw: { width: 220, height: 293, channels: 3 } })
    .png()
    .toFile(picture)
})
afterAll(() => rm(dir, { recursive: true, force: true }))

describe('cnn-workbench lab conv and pool', () => {
  it("prints the lecture's results as one JSON document", async () => {
    const valid = await cli(['lab', 'conv', '--input', INPUT, '--kernel', KERNEL, '--json'])
    expect(valid.code).toBe(0)
    expect(JSON.parse(valid.stdout)).toEqual({
      output: [
        [3, 2, 4],
        [2, 5, 0],
        [4, 1, 4]
      ],
      shape: [3, 3],
      formula: 'W_out = (W_in − W_f + 2P)/S + 1 = (5 − 3 + 2·0)/1 + 1 = 3'
    })
    const padded = JSON.parse(
      (await cli(['lab', 'conv', '--input', INPUT, '--kernel', KERNEL, '--padding', '1', '--json'])).stdout
    )
    expect(padded.shape).toEqual([5, 5])
    const strided = JSON.parse(
      (await cli(['lab', 'conv', '--input', INPUT, '--kernel', KERNEL, '--stride', '2', '--json'])).stdout
    )
    expect(strided.output).toEqual([
      [3, 4],
      [4, 4]
    ])
    const pooled = await cli([
      'lab',
      'pool',
      '--input',
      '[[1,2,3,4],[5,6,7,8],[0,9,1,2],[3,4,5,6]]',
      '--size',
      '2',
      '--stride',
      '2',
      '--op',
      'max',
      '--json'
    ])
    expect(JSON.parse(pooled.stdout)).toMatchObject({
      output: [
        [6, 8],
        [9, 6]
      ],
      shape: [2, 2]
    })
  })

  it('flips the kernel in convolve mode, as scipy.signal.convolve2d', async () => {
    const r = await cli([
      'lab',
      'conv',
      '--input',
      '[[1,2,3]]',
      '--kernel',
      '[[1,0,-1]]',
      '--mode',
      'convolve',
      '--json'
    ])
    expect(JSON.parse(r.stdout).output).toEqual([[2]])
    const c = await cli(['lab', 'conv', '--input', '[[1,2,3]]', '--kernel', '[[1,0,-1]]', '--json'])
    expect(JSON.parse(c.stdout).output).toEqual([[-2]])
  })

  it.each([
    [
      ['--input', '[[1,2],[3]]', '--kernel', '[[1]]'],
      "The input's row 2 has 1 number but row 1 has 2 numbers; every row needs the same count."
    ],
    [['--input', '[]', '--kernel', '[[1]]'], 'The input is empty; give at least one row with one number.'],
    [
      ['--input', JSON.stringify(Array.from({ length: 17 }, () => Array(17).fill(1))), '--kernel', '[[1]]'],
      'The input is 17×17; the Lab takes at most 16×16, so every number stays readable.'
    ],
    [
      ['--input', '[[1,2],[3,4]]', '--kernel', KERNEL],
      'The kernel (3×3) is larger than the input (2×2); use a smaller kernel or more padding.'
    ],
    [
      [
        '--input',
        '[[1,2],[3,4]]',
        '--kernel',
        '[[1,2,3,4],[1,2,3,4],[1,2,3,4],[1,2,3,4],[1,2,3,4]]',
        '--padding',
        '1'
      ],
      'The kernel (5×4) is larger than the padded input (4×4); use a smaller kernel or more padding.'
    ],
    [['--input', '[[1,"a"]]', '--kernel', '[[1]]'], 'The input\'s row 1, column 2 is "a", not a number.'],
    [
      ['--input', '[[1,2]', '--kernel', '[[1]]'],
      'The input is not valid JSON; write it as rows in brackets, such as [[1, 0], [0, 1]].'
    ]
  ])('refuses a bad matrix %j with one sentence and exit code 2', async (args, sentence) => {
    const r = await cli(['lab', 'conv', ...args])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe(`cnn-workbench lab conv: ${sentence}\n`)
  })

  it('refuses a pooling window larger than the input the same way', async () => {
    const r = await cli(['lab', 'pool', '--input', '[[1,2],[3,4]]', '--size', '3'])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(
      'cnn-workbench lab pool: The pooling window (3×3) is larger than the input (2×2); use a smaller pooling window or more padding.\n'
    )
  })
})

describe('cnn-workbench lab filter and pool-chain', () => {
  it('filter01 on a picture: shape, range and sum of the float output, and a PNG on the diverging scale', async () => {
    const out = path.join(dir, 'edges.png')
    const r = await runCliProcess(['lab', 'filter', picture, '--preset', 'filter01', '--out', out, '--json'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    // Around the edge: the last white row gives 1 − 2·1 + 0 = −1, the first black row 1 − 0 + 0 = +1; all else 0.
    expect(JSON.parse(r.stdout)).toEqual({ shape: [291, 218], min: -1, max: 1, sum: 0 })
    const meta = await sharp(out).metadata()
    expect([meta.height, meta.width, meta.channels]).toEqual([291, 218, 3])
  })

  it("same mode keeps the picture's size", async () => {
    const r = await cli([
      'lab',
      'filter',
      picture,
      '--kernel',
      '[[0,0,0],[1,-2,1],[0,0,0]]',
      '--mode',
      'same',
      '--json'
    ])
    expect(r.code).toBe(0)
    const answer = JSON.parse(r.stdout)
    expect(answer.shape).toEqual([293, 220])
    // At the left and right borders the zero padding makes −2·x + x = −x: −1 on the white rows.
    expect(answer.min).toBe(-1)
  })

  it('pool-chain prints the shape of every stage', async () => {
    const r = await cli(['lab', 'pool-chain', picture, '--times', '5', '--json'])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual({
      input: [293, 220],
      shapes: [
        [147, 110],
        [74, 55],
        [37, 28],
        [19, 14],
        [10, 7]
      ]
    })
  })

  it('an unknown preset or a missing kernel is a usage error; an unreadable image says why', async () => {
    expect((await cli(['lab', 'filter', picture, '--preset', 'nope'])).code).toBe(2)
    expect((await cli(['lab', 'filter', picture])).code).toBe(2)
    const broken = await cli(['lab', 'filter', path.join(dir, 'missing.png'), '--preset', 'filter01'])
    expect(broken.code).toBe(1)
    expect(broken.stderr).toBe(
      `cnn-workbench lab filter: ${path.join(dir, 'missing.png')} cannot be used: there is no such file.\n`
    )
  })
})
