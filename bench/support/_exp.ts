import sharp from 'sharp'
import { readdirSync, readFileSync, lstatSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
const root = '/tmp/cnn-workbench-bench/mnist-png'
let t = performance.now()
const files: string[] = []
for (const c of readdirSync(root)) for (const f of readdirSync(path.join(root, c))) files.push(path.join(root, c, f))
console.log('readdir', performance.now() - t)
t = performance.now()
for (const f of files) lstatSync(f)
console.log('lstatSync', performance.now() - t)
const N = 20000
const sub = files.slice(0, N)
async function run(name: string, conc: number, fn: (f: string) => Promise<unknown>) {
  let next = 0
  const t0 = performance.now()
  await Promise.all(Array.from({ length: conc }, async () => { while (next < sub.length) { await fn(sub[next++]!) } }))
  const s = (performance.now() - t0) / 1000
  console.log(name, conc, Math.round(N / s), 'img/s')
}
const mode = process.argv[2]
const conc = Number(process.argv[3] ?? 8)
if (mode === 'path') await run('path grey raw', conc, (f) => sharp(f).greyscale().raw().toBuffer())
if (mode === 'readsync') await run('readFileSync+buf', conc, (f) => sharp(readFileSync(f)).greyscale().raw().toBuffer())
if (mode === 'readasync') await run('readFile+buf', conc, async (f) => sharp(await readFile(f)).greyscale().raw().toBuffer())
if (mode === 'full') await run('full pipeline', conc, (f) => sharp(readFileSync(f), { failOn: 'truncated', limitInputPixels: 50e6 }).autoOrient().resize(28, 28, { fit: 'fill' }).flatten({ background: '#000' }).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true }))
if (mode === 'meta') await run('meta+full', conc, async (f) => { const s = sharp(readFileSync(f), { failOn: 'truncated', limitInputPixels: 50e6 }); await s.metadata(); return s.autoOrient().resize(28, 28, { fit: 'fill' }).flatten({ background: '#000' }).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true }) })
if (mode === 'bw') await run('readsync b-w', conc, (f) => sharp(readFileSync(f)).toColourspace('b-w').raw().toBuffer())
if (mode === 'pathbw') await run('path b-w', conc, (f) => sharp(f).toColourspace('b-w').raw().toBuffer())
