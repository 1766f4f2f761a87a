import { build } from 'esbuild'
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import {
  readProjectFolder,
  removeStaleTemporaries,
  writeProjectFile
} from '../../../src/main/engine/project/projectFolder'
import { projectFromContent } from '../../../src/shared/project'
import { contentFor, layersFor } from './children/projectSaver'
import { killWhileWorking } from './killChild'

const KILLS = 50

let dir: string
let saver: string

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'project-kill-'))
  // One bundled file starts in a tenth of the time tsx needs, so fifty children take seconds.
  saver = path.join(dir, 'projectSaver.cjs')
  await build({
    entryPoints: [path.join(import.meta.dirname, 'children', 'projectSaver.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: saver,
    logLevel: 'silent'
  })
})
afterAll(async () => rm(dir, { recursive: true, force: true }))

it(`leaves a loadable project.json however a save is killed (${KILLS} SIGKILLs at random moments)`, async () => {
  const folder = path.join(dir, 'project')
  await mkdir(folder)
  await writeProjectFile(folder, projectFromContent('save 0', contentFor(0), new Date(0).toISOString()))
  const seen: number[] = []
  for (let k = 0; k < KILLS; k++) {
    await killWhileWorking([saver, folder], Math.random() * 30)
    const { project } = await readProjectFolder(folder)
    const i = Number(/^save (\d+)$/.exec(project.name)?.[1])
    // A whole save: every field belongs to the same save number.
    expect(project.network.layers).toHaveLength(layersFor(i))
    expect(project.augmentSeed).toBe(i)
    expect(project.dataset?.source).toEqual({ kind: 'folder', path: `/data/set-${i}` })
    expect(project.network.layers.at(-1)?.name).toBe(`layer ${layersFor(i) - 1} of save ${i}`)
    seen.push(i)
  }
  const leftovers = (await readdir(folder)).filter((n) => n !== 'project.json')
  const summary =
    `${KILLS} kills: every project.json loaded; saves reached before the kills ranged ` +
    `${Math.min(...seen)}–${Math.max(...seen)}; ${leftovers.length} temporary files were left behind by killed writes`
  // Each child had finished its first save before it was killed: no kill can take the project back before it.
  expect(Math.min(...seen), summary).toBeGreaterThanOrEqual(1)
  // Opening a project sweeps those away (age 0 here: no writer is left).
  expect(await removeStaleTemporaries(folder, 0)).toBe(leftovers.length)
  expect(await readdir(folder)).toEqual(['project.json'])
}, 120_000)
