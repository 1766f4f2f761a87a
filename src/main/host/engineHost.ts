import { fork, type ChildProcess } from 'node:child_process'
import { EventEmitter } from 'node:events'
import type { WireResult } from '../../shared/contract'
import type { EngineToHost, HostToEngine } from '../engine/engineMessages'

export interface EngineLaunch {
  /** The engine entry: a built .js file, or the .ts source when run through tsx. */
  entry: string
  execPath?: string
  execArgv?: string[]
  env?: NodeJS.ProcessEnv
}

export type EngineState = 'starting' | 'ready' | 'crashed' | 'restarting'

interface Pending {
  resolve: (result: WireResult) => void
}

const MAX_RESTART_DELAY_MS = 5000

/**
 * Starts the engine process and keeps it alive: requests are matched to answers by id, and when the
 * process dies every waiting request gets a clear error, the UI is told, and a new process is started.
 */
export class EngineHost extends EventEmitter {
  private child: ChildProcess | null = null
  private nextId = 1
  private readonly pending = new Map<number, Pending>()
  private stopping = false
  private consecutiveCrashes = 0
  state: EngineState = 'starting'
  restarts = 0

  constructor(private readonly launch: EngineLaunch) {
    super()
  }

  get pid(): number | null {
    return this.child?.pid ?? null
  }

  start(): void {
    this.stopping = false
    const child = fork(this.launch.entry, [], {
      execPath: this.launch.execPath,
      execArgv: this.launch.execArgv ?? [],
      env: this.launch.env ?? process.env,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced'
    })
    this.child = child
    child.on('message', (m: EngineToHost) => this.onMessage(m))
    child.once('exit', (code, signal) => this.onExit(child, code, signal))
  }

  /** Resolves once the process says it is ready (or immediately when it already is). */
  ready(): Promise<void> {
    if (this.state === 'ready') return Promise.resolve()
    return new Promise((resolve) => this.once('ready', resolve))
  }

  async request(route: string, input: unknown): Promise<WireResult> {
    await this.ready()
    const child = this.child
    if (!child?.connected) {
      return {
        ok: false,
        error: { code: 'engine-crashed', message: 'The engine is restarting; please try again.' }
      }
    }
    const id = this.nextId++
    return new Promise((resolve) => {
      this.pending.set(id, { resolve })
      const message: HostToEngine = { type: 'request', id, route, input }
      child.send(message)
    })
  }

  async stop(): Promise<void> {
    this.stopping = true
    const child = this.child
    if (!child || child.exitCode !== null) return
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    })
  }

  private onMessage(message: EngineToHost): void {
    if (message.type === 'ready') {
      this.consecutiveCrashes = 0
      this.setState('ready')
      this.emit('ready')
    } else if (message.type === 'response') {
      this.pending.get(message.id)?.resolve(message.result)
      this.pending.delete(message.id)
    } else if (message.type === 'event') {
      this.emit('engine-event', message.name, message.payload)
    }
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (child !== this.child) return
    const how = signal ? `was stopped by ${signal}` : `exited with code ${code}`
    for (const p of this.pending.values()) {
      p.resolve({
        ok: false,
        error: {
          code: 'engine-crashed',
          message: `The engine ${how} while working on this; it is being restarted. Please try again.`
        }
      })
    }
    this.pending.clear()
    if (this.stopping) return
    this.setState('crashed', `The engine ${how}. Restarting it; an open dataset must be opened again.`)
    this.consecutiveCrashes++
    this.restarts++
    const delay = Math.min(MAX_RESTART_DELAY_MS, 100 * 2 ** (this.consecutiveCrashes - 1))
    setTimeout(() => {
      if (this.stopping) return
      this.setState('restarting')
      this.start()
    }, delay)
  }

  private setState(state: EngineState, message?: string): void {
    this.state = state
    this.emit('status', { state, message })
  }
}
