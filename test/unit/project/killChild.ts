import { spawn } from 'node:child_process'

/**
 * Starts a node program, waits for its "ready" line, lets it work for `afterMs`, then kills it with
 * SIGKILL (no handler runs, nothing is flushed) and waits until it is gone.
 */
export async function killWhileWorking(
  args: string[],
  afterMs: number,
  env: NodeJS.ProcessEnv = process.env
): Promise<void> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env })
  let err = ''
  child.stderr.on('data', (d: Buffer) => (err += d.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  await new Promise<void>((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      if (out.includes('ready\n')) resolve()
    })
    child.once('exit', (code) => reject(new Error(`the child exited (${code}) before it was ready: ${err}`)))
  })
  await new Promise((r) => setTimeout(r, afterMs))
  child.kill('SIGKILL')
  await exited
  // tfjs greets on stderr; only a failure of the saving loop itself matters here.
  if (/error|unhandled/i.test(err)) throw new Error(`the child failed while saving: ${err}`)
}
