// Runs a child process and passes SIGINT, SIGTERM and SIGHUP on to it, so that stopping this process
// (Ctrl+C, `kill`, a closed terminal, npm stopping a script) stops the child too, and then exits the way
// the child did. Without it a signal ends only the parent and the child keeps running, orphaned.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'

export const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP']

/**
 * Resolves with the child's exit code (128 + signal number when it was killed by a signal).
 *
 * With `ownSession` the child runs in a session of its own. A terminal's Ctrl+C then reaches it once, passed
 * on from here, rather than twice (from the terminal and from here), which a command that stops gracefully
 * on the first interrupt and at once on the second takes as both. Ctrl+Z and `fg` are passed on too.
 */
export function runForwardingSignals(command, args, options = {}) {
  const { stdoutToStderr = false, ownSession = false, ...spawnOptions } = options
  const stdio = stdoutToStderr ? ['ignore', process.stderr, 'inherit'] : (spawnOptions.stdio ?? 'inherit')
  const child = spawn(command, args, { ...spawnOptions, stdio, ...(ownSession ? { detached: true } : {}) })
  const handlers = FORWARDED_SIGNALS.map((signal) => [signal, () => child.kill(signal)])
  if (ownSession) {
    const suspend = () => {
      child.kill('SIGSTOP')
      process.kill(process.pid, 'SIGSTOP')
    }
    handlers.push(['SIGTSTP', suspend], ['SIGCONT', () => child.kill('SIGCONT')])
  }
  for (const [signal, handler] of handlers) process.on(signal, handler)
  return new Promise((resolve) => {
    const done = (code, signal) => {
      for (const [s, h] of handlers) process.off(s, h)
      resolve({ code: code ?? 128 + (signal ? signalNumber(signal) : 1), signal })
    }
    child.once('error', (error) => {
      process.stderr.write(`${command}: ${error.message}\n`)
      done(127, null)
    })
    child.once('exit', done)
  })
}

function signalNumber(signal) {
  return { SIGHUP: 1, SIGINT: 2, SIGTERM: 15, SIGKILL: 9 }[signal] ?? 1
}

/** Ends this process the way the child ended: by the same signal, or with the same code. */
export function exitLike({ code, signal }) {
  if (signal) {
    process.kill(process.pid, signal)
    return
  }
  process.exit(code)
}

/** The parent process id of `pid`, from /proc (Linux); null where that cannot be read. */
function parentOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
  } catch {
    return null
  }
}

function commandOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim()
  } catch {
    return ''
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return error.code === 'EPERM'
  }
}

/**
 * Under an npm script, npm passes on SIGINT and SIGTERM only to the shell it runs the script in, and
 * SIGHUP not at all: the shell or npm ends and this process keeps running, orphaned. So this process
 * watches npm (its parent, or its grandparent when a shell sits between) and, once npm is gone, takes a
 * SIGHUP itself: it ends as its script did. Outside npm (e.g. under nohup) nothing is watched.
 */
export function exitWithNpm(env = process.env) {
  if (!env.npm_lifecycle_event) return
  const parent = process.ppid
  const grandparent = /^(sh|dash|bash|zsh|ash)$/.test(commandOf(parent)) ? parentOf(parent) : null
  const timer = setInterval(() => {
    const npmGone = grandparent !== null && grandparent > 1 && !alive(grandparent)
    if (process.ppid !== parent || npmGone) {
      clearInterval(timer)
      process.kill(process.pid, 'SIGHUP')
    }
  }, 500)
  timer.unref()
}
