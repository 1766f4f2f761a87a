import { listImageFiles, plainDecodeLoop } from './plainDecodeLoop'
import { decodeImageInto } from '../../src/main/engine/dataset/decodeImage'
const files = (await listImageFiles('/tmp/cnn-workbench-bench/mnist-png')).filter((_, i) => i % 5 === 0)
const input = { height: 28, width: 28, channels: 1 as const }
async function ours(): Promise<number> {
  let next = 0
  const t = performance.now()
  const px = new Uint8Array(784 * 8)
  await Promise.all(Array.from({ length: 8 }, async (_, w) => {
    while (next < files.length) await decodeImageInto(files[next++]!, px.subarray(w * 784, w * 784 + 784), { input, resize: 'stretch', pixelLimit: 5e7 })
  }))
  return files.length / ((performance.now() - t) / 1000)
}
const cpu = async (fn: () => Promise<number>) => { const c = process.cpuUsage(); const r = await fn(); const d = process.cpuUsage(c); return [r, (d.user + d.system) / files.length] }
for (let k = 0; k < 3; k++) {
  const [a, ca] = await cpu(() => plainDecodeLoop(files, 8))
  const [b, cb] = await cpu(ours)
  console.log('plain', a!.toFixed(0), ca!.toFixed(0), 'us/img  ours', b!.toFixed(0), cb!.toFixed(0), 'us/img', (b! / a!).toFixed(2))
}
