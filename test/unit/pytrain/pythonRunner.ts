import { spawn, spawnSync } from 'node:child_process'

/** Debian's Python, where `.ci/run` installs python3-torch (with numpy and Pillow). */
export const PYTHON = '/usr/bin/python3'
export const TORCHRUN = '/usr/bin/torchrun'

/** Why the PyTorch tests cannot run here, or null when they can. */
export function torchMissing(): string | null {
  const probe = spawnSync(PYTHON, ['-c', 'import torch, numpy, PIL; print(torch.__version__)'], {
    encoding: 'utf8'
  })
  if (probe.error) return `${PYTHON} cannot be run (${probe.error.message})`
  if (probe.status !== 0) {
    const last = probe.stderr.trim().split('\n').at(-1) ?? ''
    return `${PYTHON} has no torch, numpy or Pillow (${last}); install python3-torch and python3-pil`
  }
  return null
}

export interface Finished {
  code: number | null
  stdout: string
  stderr: string
}

/** How long a command may run before it and its children are killed (a hang then fails with output). */
const TIME_LIMIT_MS = 300_000

/** Runs a command to its end (never a shell), collecting its output; kills it after the time limit. */
export function run(
  command: string,
  args: string[],
  options: { cwd: string; input?: string; limitMs?: number }
): Promise<Finished> {
  return new Promise((resolve, reject) => {
    // One thread per process: the machine's cores are shared by every process of the test. Its own process
    // group, so that a hang is ended with every worker it started (torchrun's included).
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, OMP_NUM_THREADS: '1' },
      detached: true
    })
    let stdout = ''
    let stderr = ''
    const limitMs = options.limitMs ?? TIME_LIMIT_MS
    const timer = setTimeout(() => {
      stderr += `\n[killed: still running after ${limitMs / 1000} s]`
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL')
      } catch {
        // The group ended between the timer and the kill; 'close' follows.
      }
    }, limitMs)
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
    child.stdin.end(options.input ?? '')
  })
}

/** Runs a Python script in `cwd` (so the project's modules import), JSON in on stdin, JSON out on stdout. */
export async function pythonJson<T>(cwd: string, script: string, input: unknown): Promise<T> {
  const done = await run(PYTHON, ['-c', script], { cwd, input: JSON.stringify(input) })
  if (done.code !== 0) throw new Error(`python failed (${done.code}):\n${done.stderr}`)
  return JSON.parse(done.stdout) as T
}
