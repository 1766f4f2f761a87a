import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import { subFolders, syncDir, writeSynced } from '../files/syncedWrites'
import { makeFolder } from '../files/writeTarget'

/** Checkpoint folders are named by the number of completed epochs, so the newest sorts last. */
export const CHECKPOINTS_DIR = 'checkpoints'
const NAME = /^epoch-(\d{5})$/

export const CheckpointState = z.object({
  version: z.literal(1),
  /** Epochs completed when the checkpoint was written; training resumes with the next one. */
  epochsCompleted: z.number().int(),
  step: z.number().int(),
  optimizer: z.string(),
  earlyStopping: z.object({
    bestValLoss: z.number().nullable(),
    bestEpoch: z.number().int().nullable(),
    epochsWithoutImprovement: z.number().int()
  }),
  /** Training images/s and seconds spent so far, so a resumed run reports the whole run's figures. */
  trainedImages: z.number(),
  trainingSeconds: z.number(),
  savedAt: z.string()
})
export type CheckpointState = z.infer<typeof CheckpointState>

export function checkpointName(epochsCompleted: number): string {
  return `epoch-${String(epochsCompleted).padStart(5, '0')}`
}

/**
 * Writes the files into a temporary sibling folder, fsyncs them, then renames the folder into place: a
 * reader (or a crash) sees either the whole folder or none of it. An existing folder is replaced.
 */
export async function writeFolderAtomic(
  target: string,
  files: Record<string, string | Uint8Array>
): Promise<void> {
  const parent = path.dirname(target)
  const name = path.basename(target)
  await makeFolder(parent)
  const unique = `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`
  const partial = path.join(parent, `.partial-${name}-${unique}`)
  await mkdir(partial)
  try {
    for (const [file, data] of Object.entries(files)) {
      // A name may hold one sub-folder (an imported run's model/).
      await mkdir(path.dirname(path.join(partial, file)), { recursive: true })
      await writeSynced(path.join(partial, file), data)
    }
    for (const sub of subFolders(files)) await syncDir(path.join(partial, sub))
    await syncDir(partial)
  } catch (error) {
    // A full disk is the usual reason: the half-written folder would hold the space needed to record it.
    await rm(partial, { recursive: true, force: true }).catch(() => undefined)
    throw error
  }
  // rename cannot replace a non-empty folder, so an old one steps aside first.
  const replaced = path.join(parent, `.replaced-${name}-${unique}`)
  const hadOld = await rename(target, replaced).then(
    () => true,
    () => false
  )
  try {
    await rename(partial, target)
  } catch (error) {
    await rm(partial, { recursive: true, force: true }).catch(() => undefined)
    if (hadOld) await rename(replaced, target).catch(() => undefined)
    throw error
  }
  await syncDir(parent)
  if (hadOld) await rm(replaced, { recursive: true, force: true })
}

/** Writes checkpoints/epoch-NNNNN atomically and keeps the newest `keep` checkpoints. */
export async function writeCheckpointFolder(
  runDir: string,
  epochsCompleted: number,
  files: Record<string, string | Uint8Array>,
  keep = 2
): Promise<string> {
  const root = path.join(runDir, CHECKPOINTS_DIR)
  const final = path.join(root, checkpointName(epochsCompleted))
  await writeFolderAtomic(final, files)
  await pruneCheckpoints(root, keep)
  return final
}

async function pruneCheckpoints(root: string, keep: number): Promise<void> {
  const names = await readdir(root)
  const complete = names.filter((n) => NAME.test(n)).sort()
  const old = complete.slice(0, Math.max(0, complete.length - keep))
  // Leftovers of a writer that was killed mid-write; our own partial folder is already renamed.
  const leftovers = names.filter((n) => n.startsWith('.partial-') || n.startsWith('.replaced-'))
  for (const n of [...old, ...leftovers]) await rm(path.join(root, n), { recursive: true, force: true })
}

export interface CheckpointRef {
  dir: string
  state: CheckpointState
}

/** The newest complete checkpoint of a run, or null when it has none yet. */
export async function latestCheckpoint(runDir: string): Promise<CheckpointRef | null> {
  const root = path.join(runDir, CHECKPOINTS_DIR)
  const names = await readdir(root).catch(() => [] as string[])
  for (const name of names
    .filter((n) => NAME.test(n))
    .sort()
    .reverse()) {
    const dir = path.join(root, name)
    try {
      const state = CheckpointState.parse(JSON.parse(await readFile(path.join(dir, 'state.json'), 'utf8')))
      return { dir, state }
    } catch {
      // Unreadable: try the one before.
    }
  }
  return null
}
