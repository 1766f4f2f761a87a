import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeExportFolder } from '../../../src/main/engine/export/exportFolder'
import { readExportManifest } from '../../../src/main/engine/predict/exportedModel'
import { importRun } from '../../../src/main/engine/training/importRun'
import { toWireError } from '../../../src/shared/workbenchError'

/*
 * A folder a person picked that cannot serve (not an export, not a run, not an earlier export) is a
 * refusal with a sentence and the code bad-input, as the other wrong values are: not an app failure.
 */
let dir = ''
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cnn-refusals-'))
  await mkdir(path.join(dir, 'photos'))
  await writeFile(path.join(dir, 'photos', 'cat.png'), 'not really a picture')
})
afterAll(() => rm(dir, { recursive: true, force: true }))

async function refusal(promise: Promise<unknown>) {
  const err = await promise.then(
    () => null,
    (e: unknown) => e
  )
  expect(err, 'the call was refused').not.toBeNull()
  return toWireError(err)
}

describe('a folder that cannot serve is refused as bad input', () => {
  it('when it is used as a TF.js export', async () => {
    expect(await refusal(readExportManifest(path.join(dir, 'missing')))).toEqual({
      code: 'bad-input',
      message: `There is no folder ${path.join(dir, 'missing')}; type the path of a TF.js export folder.`
    })
    expect(await refusal(readExportManifest(path.join(dir, 'photos')))).toMatchObject({
      code: 'bad-input',
      message: expect.stringContaining('is not a TF.js export')
    })
  })

  it('when it is imported as a run', async () => {
    expect(await refusal(importRun(path.join(dir, 'photos'), path.join(dir, 'runs')))).toEqual({
      code: 'bad-input',
      message: `${path.join(dir, 'photos')} is not a run folder: it has no run.json.`
    })
  })

  it('when an export would replace it', async () => {
    const wire = await refusal(writeExportFolder(path.join(dir, 'photos'), { 'model.json': '{}' }))
    expect(wire.code).toBe('bad-input')
    expect(wire.message).toContain('is not an earlier export')
  })
})
