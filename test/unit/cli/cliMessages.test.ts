import { readFile, truncate, writeFile } from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../../src/main/cli/main'
import { buildTemplate } from '../../../src/shared/network'
import { tempDir, writeTestRun } from '../export/exportFixtures'
import { runCliProcess } from '../../support/runCli'

// Each of these used to end in a raw error from a library (JSON.parse, tfjs, fs, parseArgs) or a wrong
// exit code; a person gets one sentence that names the file or flag, and usage problems exit with 2.
let dir = ''
let cleanup: () => Promise<void> = async () => {}
let runDir = ''
let image = ''

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = { stdout: '', stderr: '' }
  const io = {
    stdout: (s: string) => void (out.stdout += s),
    stderr: (s: string) => void (out.stderr += s),
    interactive: false
  }
  const code = await runCli(argv, io)
  return { code, ...out }
}

beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir('cw-messages-'))
  runDir = path.join(dir, 'run')
  ;(
    await writeTestRun(runDir, buildTemplate('tiny', { height: 8, width: 8, channels: 1 }, 2), ['a', 'b'])
  ).dispose()
  image = path.join(dir, 'a.png')
  await sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } })
    .png()
    .toFile(image)
  await writeFile(path.join(dir, 'a-file'), 'x')
})
afterAll(() => cleanup())

describe('messages', () => {
  it('a damaged run.json is named, and said to be damaged', async () => {
    const broken = path.join(dir, 'broken-run')
    ;(
      await writeTestRun(broken, buildTemplate('tiny', { height: 8, width: 8, channels: 1 }, 2), ['a', 'b'])
    ).dispose()
    const text = await readFile(path.join(broken, 'run.json'), 'utf8')
    await writeFile(path.join(broken, 'run.json'), text.slice(0, 40))
    for (const argv of [
      ['evaluate', broken],
      ['export', broken, '--format', 'tfjs', '--out', path.join(dir, 'x')]
    ]) {
      const r = await cli(...argv)
      expect(r.code).toBe(1)
      expect(r.stderr).toContain(`${path.join(broken, 'run.json')} is damaged: it is not valid JSON`)
    }
  })

  it('truncated weights give a sentence, not a tfjs shape error', async () => {
    const cut = path.join(dir, 'cut-run')
    ;(
      await writeTestRun(cut, buildTemplate('tiny', { height: 8, width: 8, channels: 1 }, 2), ['a', 'b'])
    ).dispose()
    await truncate(path.join(cut, 'model', 'weights.bin'), 100)
    for (const argv of [
      ['predict', cut, image],
      ['export', cut, '--format', 'onnx', '--out', path.join(dir, 'y')]
    ]) {
      const r = await cli(...argv)
      expect(r.code).toBe(1)
      expect(r.stderr + r.stdout).toMatch(
        /weights\.bin holds 100 bytes of weights where model\.json describes \d+: the file is cut short/
      )
      expect(r.stderr + r.stdout).not.toMatch(/tensor should have/)
    }
  })

  it('--out naming a file says so', async () => {
    const file = path.join(dir, 'a-file')
    const augment = await cli('augment', image, '--preset', 'light', '--out', file)
    expect(augment.stderr).toMatch(/a-file cannot hold the augmented images: it is a file, not a folder/)
    const exported = await cli('export', runDir, '--format', 'tfjs', '--out', file)
    expect(exported.stderr).toMatch(/a-file cannot hold the export: it is a file, not a folder/)
    const trained = await cli('train', '--data', dir, '--template', 'tiny', '--out', file)
    expect(trained.stderr).toMatch(/a-file cannot hold a run: it is a file, not a folder/)
    expect([augment.code, exported.code, trained.code]).toEqual([1, 1, 1])
    expect(augment.stderr + exported.stderr + trained.stderr).not.toMatch(/EEXIST|ENOTDIR/)
  })

  it('negative numbers are values, checked like any other', async () => {
    const lr = await cli(
      'train',
      '--data',
      dir,
      '--template',
      'tiny',
      '--out',
      path.join(dir, 'r'),
      '--lr',
      '-0.1'
    )
    expect(lr).toMatchObject({ code: 2, stderr: expect.stringMatching(/--lr: learningRate must be above 0/) })
    expect(lr.stderr).not.toMatch(/ambiguous/)
    const size = await cli('dataset', 'inspect', dir, '--size', '-3')
    expect(size).toMatchObject({ code: 2, stderr: expect.stringMatching(/--size -3 is out of range/) })
  })

  it('--size 0 and --size 100000 are usage errors (exit 2)', async () => {
    for (const value of ['0', '100000']) {
      const inspect = await cli('dataset', 'inspect', dir, '--size', value)
      expect(inspect).toMatchObject({
        code: 2,
        stderr: expect.stringMatching(new RegExp(`--size ${value} is out of range`))
      })
      const train = await cli(
        'train',
        '--data',
        dir,
        '--template',
        'tiny',
        '--out',
        path.join(dir, 'r'),
        '--size',
        value
      )
      expect(train).toMatchObject({
        code: 2,
        stderr: expect.stringMatching(new RegExp(`--size ${value} is out of range`))
      })
    }
  })

  it('network summary names an unknown field, in text and in JSON', async () => {
    const spec = path.join(dir, 'foo.json')
    await writeFile(spec, '{"foo":1}')
    const text = await cli('network', 'summary', spec)
    expect(text.code).toBe(1)
    expect(text.stdout + text.stderr).toMatch(/unknown setting "foo"/)
    const json = await cli('network', 'summary', spec, '--json')
    expect(
      JSON.parse(json.stdout)
        .errors.map((e: { message: string }) => e.message)
        .join(' ')
    ).toMatch(/unknown setting "foo"/)
  })
})

describe('the tfjs greeting', () => {
  it('is printed by none of augment, export and predict (which still work)', async () => {
    const out = path.join(dir, 'greeting')
    const runs = [
      await runCliProcess(['augment', image, '--preset', 'light', '--out', path.join(out, 'aug')]),
      await runCliProcess(['export', runDir, '--format', 'tfjs', '--out', path.join(out, 'tfjs')]),
      await runCliProcess(['predict', path.join(out, 'tfjs'), image, '--json'])
    ]
    for (const r of runs) {
      expect(r.code, r.stderr).toBe(0)
      expect(r.stdout + r.stderr).not.toMatch(/Hi, looks like you are running TensorFlow\.js/)
    }
  })
})
