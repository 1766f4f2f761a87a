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
  // The RPC helper's messages (src/shared/rpc): a request has an id and a route, the answer the same id.
  process.on('message', (m) => {
    if (typeof m?.id === 'number' && typeof m.route === 'string')
      process.send({ id: m.id, result: { ok: true, value: { route: m.route } } })
  })
  process.on('disconnect', () => process.exit(0))
  process.send({ event: 'engine.ready', payload: { pid: process.pid } })
}
