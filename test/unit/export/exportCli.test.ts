import * as tf from '@tensorflow/tfjs'
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runExport } from '../../../src/main/cli/commands/export'
import { EXPORT_FILE_NAMES, MODEL_EXPORT_FORMATS } from '../../../src/shared/export'
import { buildTemplate } from '../../../src/shared/network'
import { tempDir, writeTestRun } from './exportFixtures'

let dir: string
let cleanup: () => Promise<void>
let runDir: string

function capture() {
  const out = { stdout: '', stderr: '' }
  return {
    out,
    io: {
      stdout: (s: string) => void (out.stdout += s),
      stderr: (s: string) => void (out.stderr += s),
      interactive: false
    }
  }
}

beforeAll(async () => {
  await tf.setBackend('cpu')
  ;({ dir, cleanup } = await tempDir('cw-export-cli-'))
  runDir = path.join(dir, 'run')
  const classes = Array.from({ length: 10 }, (_, i) => String(i))
  ;(
    await writeTestRun(runDir, buildTemplate('lecture', { height: 28, width: 28, channels: 1 }, 10), classes)
  ).dispose()
})

afterAll(async () => {
  await cleanup()
})

describe('cnn-workbench export', () => {
  it('writes every format of the lecture template and prints each file with its size', async () => {
    for (const format of MODEL_EXPORT_FORMATS) {
      const { out, io } = capture()
      const target = path.join(dir, 'out', format)
      expect(await runExport([runDir, '--format', format, '--out', target], io)).toBe(0)
      expect((await readdir(target)).sort()).toEqual([...EXPORT_FILE_NAMES[format]].sort())
      for (const name of EXPORT_FILE_NAMES[format]) {
        expect(out.stdout).toMatch(new RegExp(`${name.replace('.', '\\.')}\\s+[\\d.]+ (B|KB|MB)\\n`))
      }
    }
  })

  it('answers usage mistakes with 2 and a folder that is not a run with 1', async () => {
    const badFormat = capture()
    expect(await runExport([runDir, '--format', 'caffe', '--out', path.join(dir, 'x')], badFormat.io)).toBe(2)
    expect(badFormat.out.stderr).toMatch(/--format must be one of tfjs, onnx, keras, pytorch/)
    expect(await runExport([runDir, '--format', 'onnx'], capture().io)).toBe(2)
    const notRun = capture()
    expect(await runExport([dir, '--format', 'onnx', '--out', path.join(dir, 'y')], notRun.io)).toBe(1)
    expect(notRun.out.stderr).toMatch(/is not a training run folder/)
    expect(notRun.out.stderr.trim().split('\n')).toHaveLength(1)
  })

  it('refuses a training project for a run whose images are not a folder, in one sentence', async () => {
    const refused = capture()
    const target = path.join(dir, 'project')
    expect(await runExport([runDir, '--format', 'pytorch-train', '--out', target], refused.io)).toBe(1)
    expect(refused.out.stderr).toMatch(/reads a folder of images|cannot be opened/)
    expect(refused.out.stderr.trim().split('\n')).toHaveLength(1)
    await expect(readdir(target)).rejects.toThrow()
  })
})
