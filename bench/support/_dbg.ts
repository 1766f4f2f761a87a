import { openDataset } from '../../src/main/engine/dataset/openDataset'
import { scanFolder } from '../../src/main/engine/dataset/scanFolder'
import { readWhole } from '../../src/main/engine/dataset/wholeFileIo'
import { readdirSync } from 'node:fs'
const folder = '/tmp/cnn-workbench-bench/mnist-png'
const cacheDir = '/tmp/x-cache'
await openDataset({ kind: 'folder', path: folder }, { size: 28, channels: 1 }, { cacheDir })
for (let k = 0; k < 3; k++) {
  let t = performance.now()
  await scanFolder(folder)
  const scan = performance.now() - t
  t = performance.now()
  await readWhole(cacheDir + '/' + readdirSync(cacheDir)[0])
  const read = performance.now() - t
  t = performance.now()
  const ds = await openDataset({ kind: 'folder', path: folder }, { size: 28, channels: 1 }, { cacheDir })
  console.log('scan', scan.toFixed(0), 'read', read.toFixed(0), 'reopen', ds.report.fromCache, (performance.now() - t).toFixed(0))
}
