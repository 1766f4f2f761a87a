import { mkdir, symlink } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DatasetError } from '../../../src/main/engine/dataset/datasetErrors'
import { scanFolder } from '../../../src/main/engine/dataset/scanFolder'
import { makeTempDir, removeDir, solid, writeImage, writeText } from './imageFixtures'

let root: string
const pixel = () => solid(4, 4, [120, 120, 120], true)

beforeEach(async () => {
  root = await makeTempDir()
})
afterEach(async () => {
  await removeDir(root)
})

describe('scanFolder', () => {
  it('finds one class per first-level folder, counting nested images for their class', async () => {
    await writeImage(path.join(root, 'dogs', 'a.png'), pixel())
    await writeImage(path.join(root, 'dogs', 'puppies', 'deep', 'b.png'), pixel())
    await writeImage(path.join(root, 'cats', 'c.PNG'), pixel())
    await writeImage(path.join(root, 'cats', 'd.JpEg'), pixel())
    await writeImage(path.join(root, 'cats', '.hidden.png'), pixel())
    await writeImage(path.join(root, '.thumbnails', 'e.png'), pixel())
    await writeText(path.join(root, 'cats', 'notes.txt'), 'not an image')
    await writeText(path.join(root, 'cats', 'labels.json'), '{}')
    await writeImage(path.join(root, 'loose.png'), pixel())

    const scan = await scanFolder(root)

    expect(scan.classNames).toEqual(['cats', 'dogs'])
    expect(scan.splitSource).toBe('seeded')
    expect(scan.files.map((f) => [f.path, scan.classNames[f.classIndex]])).toEqual([
      ['cats/c.PNG', 'cats'],
      ['cats/d.JpEg', 'cats'],
      ['dogs/a.png', 'dogs'],
      ['dogs/puppies/deep/b.png', 'dogs']
    ])
    expect(scan.files.every((f) => f.size > 0 && f.mtimeMs > 0)).toBe(true)
    expect(scan.warnings).toEqual([
      '1 image file lies directly in the dataset folder and was ignored; move images into a sub-folder named after their class.'
    ])
  })

  it('accepts Unicode class names and sorts classes stably', async () => {
    for (const name of ['Zebra', 'äpfel', '猫', 'class 10', 'class 2'])
      await writeImage(path.join(root, name, '1.png'), pixel())
    const scan = await scanFolder(root)
    expect(scan.classNames).toEqual(['äpfel', 'class 2', 'class 10', 'Zebra', '猫'])
    expect(scan.files.find((f) => f.path === '猫/1.png')).toBeDefined()
  })

  it('uses train/test/val folders as the split when the root has them', async () => {
    await writeImage(path.join(root, 'train', 'cat', '1.png'), pixel())
    await writeImage(path.join(root, 'train', 'dog', '2.png'), pixel())
    await writeImage(path.join(root, 'val', 'dog', '3.png'), pixel())
    await writeImage(path.join(root, 'test', 'cat', '4.png'), pixel())
    await writeImage(path.join(root, 'test', 'bird', '5.png'), pixel())

    const scan = await scanFolder(root)

    expect(scan.splitSource).toBe('folders')
    expect(scan.hasValFolder).toBe(true)
    expect(scan.classNames).toEqual(['bird', 'cat', 'dog'])
    const byPath = Object.fromEntries(
      scan.files.map((f) => [f.path, [scan.classNames[f.classIndex], f.folderSplit]])
    )
    expect(byPath).toEqual({
      'train/cat/1.png': ['cat', 'train'],
      'train/dog/2.png': ['dog', 'train'],
      'val/dog/3.png': ['dog', 'val'],
      'test/cat/4.png': ['cat', 'test'],
      'test/bird/5.png': ['bird', 'test']
    })
  })

  it('does not hang on a symbolic link loop and counts each image once', async () => {
    await writeImage(path.join(root, 'a', 'x.png'), pixel())
    await writeImage(path.join(root, 'b', 'y.png'), pixel())
    await symlink(path.join(root, 'a'), path.join(root, 'a', 'loop'))
    await symlink(root, path.join(root, 'b', 'up'))

    const scan = await scanFolder(root)

    expect(scan.files.map((f) => f.path)).toEqual(['a/x.png', 'b/y.png'])
  })

  it('follows links that stay inside the root and ignores links that leave it', async () => {
    const outside = await makeTempDir('cnn-workbench-outside-')
    try {
      await writeImage(path.join(outside, 'secret.png'), pixel())
      await writeImage(path.join(root, 'a', 'x.png'), pixel())
      await writeImage(path.join(root, 'shared', 'z.png'), pixel())
      await mkdir(path.join(root, 'b'))
      await symlink(outside, path.join(root, 'a', 'outside-dir'))
      await symlink(path.join(outside, 'secret.png'), path.join(root, 'a', 'outside.png'))
      await symlink(path.join(root, 'shared', 'z.png'), path.join(root, 'b', 'linked.png'))

      const scan = await scanFolder(root)

      expect(scan.files.map((f) => f.path)).toEqual(['a/x.png', 'b/linked.png', 'shared/z.png'])
    } finally {
      await removeDir(outside)
    }
  })

  it('explains a missing folder', async () => {
    await expect(scanFolder(path.join(root, 'nope'))).rejects.toThrow(DatasetError)
    await expect(scanFolder(path.join(root, 'nope'))).rejects.toThrow(/cannot be opened \(ENOENT\)/)
  })
})
