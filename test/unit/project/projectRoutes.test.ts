import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createEngineHandlers } from '../../../src/main/engine/engineHandlers'
import { createClient, type WorkbenchClient } from '../../../src/shared/client'
import { createDispatcher } from '../../../src/shared/dispatch'
import { PROJECT_VERSION } from '../../../src/shared/project'
import { sampleProject, v1Text } from './projectSamples'

let dir: string
let appData: string
let defaultRuns: string

/** A fresh engine, as after a restart: only what is on disk carries over. */
function engine(): WorkbenchClient {
  const handlers = createEngineHandlers(
    { dataRoot: dir, cacheDir: path.join(dir, 'cache'), runsDir: defaultRuns, appDataDir: appData },
    () => {}
  )
  return createClient({ invoke: createDispatcher(handlers), subscribe: () => () => {} })
}

async function snapshot(file: string): Promise<{ bytes: Buffer; mtimeMs: number }> {
  return { bytes: await readFile(file), mtimeMs: (await stat(file)).mtimeMs }
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'project-routes-'))
  appData = path.join(dir, 'app-data')
  defaultRuns = path.join(dir, 'default-runs')
})
afterEach(async () => rm(dir, { recursive: true, force: true }))

describe('project routes', () => {
  it('creates a project, saves it and opens the same project in a restarted engine', async () => {
    const client = engine()
    const folder = path.join(dir, 'projects', 'shapes')
    const created = await client.call('project.new', { folder })
    expect(created.project.name).toBe('shapes')
    expect(created.runsDir).toBe(path.join(folder, 'runs'))
    expect((await client.call('training.runs', {})).runsDir).toBe(path.join(folder, 'runs'))

    const project = { ...sampleProject(), createdAt: created.project.createdAt }
    const saved = await client.call('project.save', { project })
    expect(saved.project.updatedAt >= project.updatedAt).toBe(true)

    const later = engine()
    expect(await later.call('project.current', {})).toBeNull()
    expect((await later.call('training.runs', {})).runsDir).toBe(defaultRuns)
    const opened = await later.call('project.open', { folder })
    expect(opened.project).toEqual(saved.project)
    expect(opened.migratedFrom).toBeNull()
    expect((await later.call('training.runs', {})).runsDir).toBe(path.join(folder, 'runs'))
    expect(await later.call('project.current', {})).toEqual(opened)
    const onDisk = JSON.parse(await readFile(path.join(folder, 'project.json'), 'utf8')) as {
      version: number
    }
    expect(onDisk.version).toBe(PROJECT_VERSION)
  })

  it('refuses a folder that already holds a project, and a relative folder', async () => {
    const client = engine()
    const folder = path.join(dir, 'p')
    await client.call('project.new', { folder, name: 'First' })
    const before = await snapshot(path.join(folder, 'project.json'))
    await expect(client.call('project.new', { folder })).rejects.toThrow(/already holds a project/)
    expect(await snapshot(path.join(folder, 'project.json'))).toEqual(before)
    await expect(client.call('project.new', { folder: 'relative/p' })).rejects.toThrow(/full path/)
  })

  it('migrates a version 1 file on open and keeps the old file beside the first save', async () => {
    const folder = path.join(dir, 'old')
    await mkdir(folder)
    await writeFile(path.join(folder, 'project.json'), v1Text())
    const client = engine()
    const opened = await client.call('project.open', { folder })
    expect(opened.migratedFrom).toBe(1)
    const p = opened.project
    expect(p.version).toBe(PROJECT_VERSION)
    expect(p.name).toBe('Old digits')
    expect(p.dataset).toEqual({ source: { kind: 'mnist' }, options: { size: 28 } })
    expect(p.augment.ops).toEqual([{ type: 'flip', direction: 'horizontal' }])
    expect(p.augmentSeed).toBe(1)
    expect(p.network.layers.map((l) => l.type)).toContain('avgPool2d')
    expect(p.training?.epochs).toBe(2)
    expect(p.createdAt).toBe('2024-05-06T07:08:09.000Z')
    // Opening alone writes nothing.
    expect(await readFile(path.join(folder, 'project.json'), 'utf8')).toBe(v1Text())

    await client.call('project.save', { project: p })
    expect(await readFile(path.join(folder, 'project.v1.json'), 'utf8')).toBe(v1Text())
    const reopened = await engine().call('project.open', { folder })
    expect(reopened.migratedFrom).toBeNull()
    expect(reopened.project.network).toEqual(p.network)
  })

  const refusals: [string, string, RegExp][] = [
    ['torn JSON', '{"version": 2, "name": "Sha', /not valid JSON/],
    ['no version', JSON.stringify({ name: 'x' }), /no whole-number "version"/],
    [
      'schema errors',
      JSON.stringify({ ...sampleProject(), network: { input: { height: 0 }, layers: [] } }),
      /network\.input/
    ],
    ['a newer version', JSON.stringify({ ...sampleProject(), version: 3 }), /newer CNN Workbench.*version 3/]
  ]
  for (const [what, text, message] of refusals) {
    it(`refuses ${what} with a clear message and leaves the file untouched`, async () => {
      const folder = path.join(dir, 'bad')
      await mkdir(folder)
      const file = path.join(folder, 'project.json')
      await writeFile(file, text)
      const before = await snapshot(file)
      const client = engine()
      await expect(client.call('project.open', { folder })).rejects.toThrow(message)
      await expect(client.call('project.save', { project: sampleProject(), folder })).rejects.toThrow(message)
      expect(await snapshot(file)).toEqual(before)
      expect(await client.call('project.current', {})).toBeNull()
      expect((await client.call('training.runs', {})).runsDir).toBe(defaultRuns)
    })
  }

  it('says what is missing when a folder holds no project', async () => {
    await expect(engine().call('project.open', { folder: path.join(dir, 'nothing') })).rejects.toThrow(
      /holds no project/
    )
  })

  it('"save as" copies the runs into the new folder and opens it there', async () => {
    const client = engine()
    const first = path.join(dir, 'first')
    await client.call('project.new', { folder: first, name: 'First' })
    const runDir = path.join(first, 'runs', 'run-1')
    await mkdir(path.join(runDir, 'checkpoints', '.partial-epoch-00001-x'), { recursive: true })
    await writeFile(path.join(runDir, 'run.json'), '{"id":"run-1"}')

    const second = path.join(dir, 'second')
    const answer = await client.call('project.saveAs', {
      folder: second,
      project: { ...sampleProject('Second') }
    })
    expect(answer.copiedRuns).toBe(1)
    expect(answer.folder).toBe(second)
    expect(answer.runsDir).toBe(path.join(second, 'runs'))
    expect(await readFile(path.join(second, 'runs', 'run-1', 'run.json'), 'utf8')).toBe('{"id":"run-1"}')
    await expect(
      stat(path.join(second, 'runs', 'run-1', 'checkpoints', '.partial-epoch-00001-x'))
    ).rejects.toThrow()
    // The old project keeps its runs.
    expect((await stat(path.join(runDir, 'run.json'))).isFile()).toBe(true)
    expect((await client.call('project.current', {}))?.folder).toBe(second)
    await expect(client.call('project.saveAs', { folder: first, project: sampleProject() })).rejects.toThrow(
      /already holds a project/
    )
  })

  it('keeps a recent list across engine restarts, newest first, once per folder', async () => {
    const client = engine()
    const a = path.join(dir, 'a')
    const b = path.join(dir, 'b')
    await client.call('project.new', { folder: a, name: 'Alpha' })
    await client.call('project.new', { folder: b, name: 'Beta' })
    await client.call('project.open', { folder: a })
    await rm(b, { recursive: true })
    const { projects } = await engine().call('project.recent', {})
    expect(projects.map((p) => [p.name, p.exists])).toEqual([
      ['Alpha', true],
      ['Beta', false]
    ])
    expect(JSON.parse(await readFile(path.join(appData, 'recent.json'), 'utf8'))).toMatchObject({
      version: 1
    })
  })

  it('takes up the project named by a save after an engine restart', async () => {
    const folder = path.join(dir, 'kept')
    await engine().call('project.new', { folder, name: 'Kept' })
    const restarted = engine()
    const saved = await restarted.call('project.save', { project: sampleProject('Kept'), folder })
    expect(saved.project.augmentSeed).toBe(1234)
    expect((await restarted.call('training.runs', {})).runsDir).toBe(path.join(folder, 'runs'))
    await expect(engine().call('project.save', { project: sampleProject() })).rejects.toThrow(/Save as/)
  })
})
