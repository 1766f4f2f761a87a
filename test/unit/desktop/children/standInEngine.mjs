// A stand-in engine process for the host's tests. STAND_IN_ENGINE says how it behaves:
//   broken  dies at start with a library error, unless the file STAND_IN_ENGINE_FIXED exists
//   silent  never says it is ready
import { existsSync } from 'node:fs'

const mode = process.env.STAND_IN_ENGINE
if (mode === 'silent') {
  setInterval(() => {}, 1000)
} else {
  if (!existsSync(process.env.STAND_IN_ENGINE_FIXED ?? '/nonexistent')) {
    throw new Error('libtensorflow.so.2: cannot open shared object file: No such file or directory')
  }
  process.on('message', (m) => {
    if (m?.type === 'request')
      process.send({ type: 'response', id: m.id, result: { ok: true, value: { route: m.route } } })
  })
  process.on('disconnect', () => process.exit(0))
  process.send({ type: 'ready', pid: process.pid })
}
