import { openDataset } from '../../src/main/engine/dataset/openDataset'
for (let k = 0; k < 3; k++) {
  const t = performance.now()
  const ds = await openDataset({ kind: 'mnist' }, {}, { cacheDir: '/tmp/x-cache' })
  console.log('mnist', ((performance.now() - t) / 1000).toFixed(3), ds.report.seconds.toFixed(3))
}
