import { execFileSync } from 'node:child_process'
import { lstat, mkdir, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runExport } from '../../../src/main/cli/commands/export'
import { createEngineHandlers } from '../../../src/main/engine/engineHandlers'
import { makeFolder, prepareFileTarget } from '../../../src/main/engine/files/writeTarget'
import { createDispatcher } from '../../../src/shared/dispatch'
import { buildTemplate } from '../../../src/shared/network'
import { tempDir, writeTestRun } from '../export/exportFixtures'
import { runCliProcess } from '../../support/runCli'

// Writing under /proc used to never return (Node's recursive mkdir loops on procfs), holding the engine
// at 100 % CPU; under a file it gave a raw ENOTDIR. Each case must end with a sentence, and create nothing.
let dir = ''
let cleanup: () => Promise<void> = async () => {}
const exists = (p: string): Promise<boolean> =>
  lstat(p).then(
    () => true,
    () => false
  )

beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir('cw-targets-'))
  await writeFile(path.join(dir, 'a-file'), 'x')
  await symlink('/proc/self', path.join(dir, 'into-proc'))
})
afterAll(() => cleanup())

describe('write targets', () => {
  it.each([
    ['/proc/zz/proj', /\/proc is a view of the running system/],
    ['/proc/self/zz', /\/proc is a view of the running system/],
    ['/sys/zz/a', /\/sys is a view of the running system/],
    ['/dev/zz-cnn-workbench/a', /\/dev is a view of the running system/]
  ])('refuses %s at once', async (target, message) => {
    await expect(makeFolder(target, 'the export')).rejects.toThrow(message)
    expect(await exists('/dev/zz-cnn-workbench')).toBe(false)
  })

  it('refuses a folder under a file, a folder that is a file, and a link into /proc', async () => {
    await expect(makeFolder(path.join(dir, 'a-file', 'x', 'y'))).rejects.toThrow(
      /a-file is a file, not a folder/
    )
    await expect(makeFolder(path.join(dir, 'a-file'))).rejects.toThrow(/it is a file, not a folder/)
    await expect(makeFolder(path.join(dir, 'into-proc', 'x'))).rejects.toThrow(/leads into \/proc/)
  })

  it('refuses a file target that is a FIFO, a folder, or under /proc, and makes the parent of a good one', async () => {
    const fifo = path.join(dir, 'a-fifo')
    execFileSync('mkfifo', [fifo])
    // Opening a FIFO to write would wait for a reader for ever.
    await expect(prepareFileTarget(fifo, 'the saliency image')).rejects.toThrow(
      /a-fifo cannot hold the saliency image: it is not a plain file/
    )
    await expect(prepareFileTarget(dir)).rejects.toThrow(/it is a folder/)
    await expect(prepareFileTarget('/proc/zz/out.png')).rejects.toThrow(
      /\/proc is a view of the running system/
    )
    const good = path.join(dir, 'out', 'maps', 'a.png')
    expect(await prepareFileTarget(good)).toBe(good)
    expect((await lstat(path.dirname(good))).isDirectory()).toBe(true)
  })

  it('creates ordinary folders and their parents, and accepts existing ones', async () => {
    const target = path.join(dir, 'new', 'deeper', 'still')
    expect(await makeFolder(target)).toBe(target)
    expect((await lstat(target)).isDirectory()).toBe(true)
    await mkdir(path.join(dir, 'there'))
    expect(await makeFolder(path.join(dir, 'there'))).toBe(path.join(dir, 'there'))
  })
})

describe('routes and commands that write', () => {
  it('answers project.new under /proc with an error, and the engine goes on answering', async () => {
    const dispatch = createDispatcher(
      createEngineHandlers(
        { dataRoot: dir, runsDir: path.join(dir, 'runs'), appDataDir: path.join(dir, 'app') },
        () => {}
      )
    )
    const answer = await dispatch('project.new', { folder: '/proc/zz/proj' })
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'bad-input', message: expect.stringMatching(/\/proc/) }
    })
    const under = await dispatch('project.new', { folder: path.join(dir, 'a-file', 'proj') })
    expect(under).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/is a file, not a folder/) }
    })
    expect(await dispatch('project.current', {})).toMatchObject({ ok: true })
  })

  it('refuses export --out under /proc or under a file with one line and exit 1', async () => {
    const runDir = path.join(dir, 'run')
    ;(
      await writeTestRun(runDir, buildTemplate('tiny', { height: 8, width: 8, channels: 1 }, 2), ['a', 'b'])
    ).dispose()
    for (const out of ['/proc/x/y', path.join(dir, 'a-file', 'export')]) {
      let stderr = ''
      const io = { stdout: () => undefined, stderr: (s: string) => void (stderr += s), interactive: false }
      expect(await runExport([runDir, '--format', 'tfjs', '--out', out], io)).toBe(1)
      expect(stderr.trim().split('\n')).toHaveLength(1)
      expect(stderr).toMatch(/cannot hold the export/)
    }
  })

  it('refuses train --out and augment --out under /proc before doing any work', async () => {
    const train = await runCliProcess(['train', '--data', dir, '--template', 'tiny', '--out', '/proc/zz/run'])
    expect(train.code).toBe(1)
    expect(train.stderr).toMatch(/\/proc\/zz\/run cannot hold a run: \/proc is a view of the running system/)
    expect(train.stderr).not.toMatch(/Opening/)
    const image = path.join(dir, 'a.png')
    await sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } })
      .png()
      .toFile(image)
    const augment = await runCliProcess(['augment', image, '--preset', 'light', '--out', '/proc/zz/aug'])
    expect(augment.code).toBe(1)
    expect(augment.stderr).toMatch(/\/proc\/zz\/aug cannot hold the augmented images/)
  })
})
