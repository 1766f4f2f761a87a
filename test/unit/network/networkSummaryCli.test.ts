import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runNetworkSummary } from '../../../src/main/cli/commands/networkSummary'

let dir = ''
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cnn-network-summary-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const code = await runNetworkSummary(args, {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    readFile: (p) => readFile(p, 'utf8')
  })
  return { code, out, err }
}

const lecture = {
  input: { height: 28, width: 28, channels: 1 },
  layers: [
    { type: 'conv2d', filters: 32, kernelSize: [5, 5], strides: [1, 1], padding: 'same', activation: 'relu' },
    { type: 'maxPool2d', poolSize: [2, 2], strides: [2, 2], padding: 'same' },
    { type: 'flatten' },
    { type: 'dense', units: 1024, activation: 'relu' },
    { type: 'dropout', rate: 0.5 },
    { type: 'dense', units: 10, activation: 'softmax' }
  ]
}

describe('cnn-workbench network summary', () => {
  it('prints the lecture template as JSON with exit code 0', async () => {
    const { code, out } = await run(['--template', 'lecture', '--json'])
    expect(code).toBe(0)
    const json = JSON.parse(out)
    expect(json.totalParams).toBe(3_274_634)
    expect(json.layers[0]).toMatchObject({ kind: 'conv2d', outputShape: [28, 28, 32], params: 832 })
    expect(json.errors).toEqual([])
    expect(json.warnings).toEqual([])
  })

  it('builds a template for another input and class count', async () => {
    const { code, out } = await run(['--template', 'tiny', '--input', '64x64x3', '--classes', '5', '--json'])
    expect(code).toBe(0)
    expect(JSON.parse(out).outputShape).toEqual([5])
  })

  it('reads a spec file and prints the table', async () => {
    const file = join(dir, 'net.json')
    await writeFile(file, JSON.stringify(lecture))
    const { code, out } = await run([file])
    expect(code).toBe(0)
    expect(out).toMatch(/^1 maxPool2d\s+\(14, 14, 32\)\s+0$/m)
  })

  it('exits 1 and names the layer when the spec has errors', async () => {
    const file = join(dir, 'broken.json')
    const layers = [...lecture.layers]
    layers.splice(2, 1) // drop the flatten: the dense layer now gets an image
    await writeFile(file, JSON.stringify({ ...lecture, layers }))
    const { code, out } = await run([file, '--json', '--classes', '10'])
    expect(code).toBe(1)
    expect(JSON.parse(out).errors).toEqual([
      {
        layer: 2,
        message:
          'dense layer needs a flat input: add a Flatten or GlobalAveragePool layer before it (its input is 14×14×32)'
      }
    ])
  })

  it('checks a spec file against --classes and applies --input', async () => {
    const file = join(dir, 'net.json')
    await writeFile(file, JSON.stringify(lecture))
    const { code, out } = await run([file, '--classes', '3', '--input', '32x32x3', '--json'])
    expect(code).toBe(1)
    const json = JSON.parse(out)
    expect(json.layers[0].params).toBe(5 * 5 * 3 * 32 + 32)
    expect(json.errors[0].layer).toBe(5)
  })

  it('exits 2 with a readable message for usage and file problems', async () => {
    expect((await run([])).err).toContain('give either a spec file or --template NAME')
    const unknown = await run(['--template', 'alexnet'])
    expect(unknown.code).toBe(2)
    expect(unknown.err).toContain(
      'unknown template "alexnet"; choose one of lecture, lenet5, vgg-small, tiny'
    )
    const missing = await run([join(dir, 'nope.json')])
    expect(missing.code).toBe(2)
    expect(missing.err).toContain('cannot read')
    const bad = join(dir, 'bad.json')
    await writeFile(bad, '{ "input": ')
    expect((await run([bad])).err).toContain('is not valid JSON')
    expect((await run(['--template', 'tiny', '--input', '28by28'])).err).toContain(
      '--input must look like 28x28x1'
    )
    expect((await run(['--template', 'tiny', '--bogus'])).code).toBe(2)
  })
})
