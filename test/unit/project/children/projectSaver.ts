/**
 * Saves a project over and over with growing content until it is killed. Save number i is named
 * "save i" and holds ((20·i) mod 480) + 1 dense layers, so a reader can tell a whole save from a mixed one.
 * Prints "ready" once its first save is complete, so every kill lands on a later one, however slow the machine.
 */
import { writeProjectFile } from '../../../../src/main/engine/project/projectFolder'
import { projectFromContent } from '../../../../src/shared/project'

export function layersFor(i: number): number {
  return ((20 * i) % 480) + 1
}

export function contentFor(i: number) {
  return {
    dataset: { source: { kind: 'folder' as const, path: `/data/set-${i}` }, options: {} },
    augment: { ops: [] },
    augmentSeed: i,
    network: {
      input: { height: 28, width: 28, channels: 1 },
      layers: Array.from({ length: layersFor(i) }, (_, k) => ({
        type: 'dense' as const,
        units: k + 1,
        activation: 'relu' as const,
        useBias: true,
        name: `layer ${k} of save ${i}`
      }))
    },
    training: null
  }
}

async function main(folder: string): Promise<void> {
  for (let i = 1; ; i++) {
    await writeProjectFile(folder, projectFromContent(`save ${i}`, contentFor(i), new Date(0).toISOString()))
    if (i === 1) process.stdout.write('ready\n')
  }
}

if (process.argv[2]) void main(process.argv[2])
