import { fork, type ChildProcess } from 'node:child_process'
import { EventEmitter } from 'node:events'
import type { EventPayload, WireResult } from '../../shared/contract'
import { createRpcEndpoint, type RpcEndpoint } from '../../shared/rpc'
import { ENGINE_READY_EVENT } from '../engine/engineMessages'
import { howItEnded, StderrTail } from './engineExit'

export interface EngineLaunch {
  /** The engine entry: a built .js file, or the .ts source when run through tsx. */
  entry: string
  execPath?: string
  execArgv?: string[]
  env?: NodeJS.ProcessEnv
}

export interface EngineHostOptions {
  /** How long a starting engine may take to say it is ready (a slow, busy machine takes seconds). */
  readyTimeoutMs?: number
  /** Starts in a row that never got ready before the host gives up and says the engine cannot start. */
  maxFailedStarts?: number
}

type EngineState = EventPayload<'engine.status'>['state']

const MAX_RESTART_DELAY_MS = 5000

/** Each child's exit is handled once, whether it came as 'exit' or as a spawn 'error'. */
const handled = new WeakSet<ChildProcess>()

const unavailable = (message: string): WireResult => ({ ok: false, error: { code: 'unavailable', message } })

/**
 * Starts the engine process and keeps it alive: requests go over one RPC channel per process, and when
 * the process dies every waiting request gets a clear error, the UI is told, and a new process is started.
 * An engine that cannot start (it dies or stays silent before it is ready, several times in a row) is
 * not restarted for ever: the host says "the engine cannot start: <reason>" until retry() is called.
 */
export class EngineHost extends EventEmitter {
  private child: ChildProcess | null = null
  private channel: RpcEndpoint | null = null
  private childReady = false
  private stopping = false
  private consecutiveCrashes = 0
  private failedStarts = 0
  private silentReason: string | null = null
  private stderr = new StderrTail()
  private readyTimer: NodeJS.Timeout | null = null
  private readonly readyTimeoutMs: number
  private readonly maxFailedStarts: number
  state: EngineState = 'starting'
  restarts = 0
  /** Why the engine cannot start, once the host has given up. */
  failure: string | null = null

  constructor(
    private readonly launch: EngineLaunch,
    options: EngineHostOptions = {}
  ) {
    super()
    // Every request waiting for a starting engine listens for 'ready' and 'failed'.
    this.setMaxListeners(0)
    this.readyTimeoutMs = options.readyTimeoutMs ?? 60_000
    this.maxFailedStarts = options.maxFailedStarts ?? 3
  }

  get pid(): number | null {
    return this.child?.pid ?? null
  }

  start(): void {
    this.stopping = false
    this.childReady = false
    this.silentReason = null
    this.stderr = new StderrTail()
    const child = fork(this.launch.entry, [], {
      execPath: this.launch.execPath,
      execArgv: this.launch.execArgv ?? [],
      env: this.launch.env ?? process.env,
      // stderr is passed on as it comes, and its last lines kept to say why a start failed.
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
      serialization: 'advanced'
    })
    const channel = createRpcEndpoint({
      send: (message) => {
        // A closed channel would emit 'error' on the child instead of throwing; the helper answers a throw.
        if (!child.connected) throw new Error('The engine process has disconnected.')
        child.send(message)
      },
      onEvent: (name, payload) => this.onEvent(name, payload)
    })
    this.child = child
    this.channel = channel
    child.stderr?.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk)
      this.stderr.push(chunk)
    })
    child.on('message', (message: unknown) => channel.receive(message))
    child.once('error', (error) => {
      this.silentReason = `it could not be run (${error.message})`
      if (child.exitCode === null && child.pid === undefined) this.onExit(child, channel, null, null)
    })
    child.once('exit', (code, signal) => this.onExit(child, channel, code, signal))
    this.readyTimer = setTimeout(() => {
      this.silentReason = `it did not say it was ready within ${Math.round(this.readyTimeoutMs / 1000)} s`
      child.kill('SIGKILL')
    }, this.readyTimeoutMs)
  }

  /** Starts again after the host gave up (the Retry button). */
  retry(): void {
    if (this.state !== 'failed') return
    this.failedStarts = 0
    this.consecutiveCrashes = 0
    this.failure = null
    this.setState('restarting')
    this.start()
  }

  /** Resolves once the process is ready; rejects when it cannot start or takes longer than it may. */
  ready(): Promise<void> {
    if (this.state === 'ready') return Promise.resolve()
    if (this.state === 'failed') return Promise.reject(new Error(this.failure ?? 'The engine cannot start.'))
    const limit = this.readyTimeoutMs + MAX_RESTART_DELAY_MS
    return new Promise((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer)
        this.off('ready', onReady)
        this.off('failed', onFailed)
      }
      const onReady = (): void => (done(), resolve())
      const onFailed = (message: string): void => (done(), reject(new Error(message)))
      const timer = setTimeout(() => {
        done()
        reject(new Error('The engine is still starting; please try again in a moment.'))
      }, limit)
      this.once('ready', onReady)
      this.once('failed', onFailed)
    })
  }

  async request(route: string, input: unknown): Promise<WireResult> {
    try {
      await this.ready()
    } catch (error) {
      return unavailable((error as Error).message)
    }
    if (!this.child?.connected || !this.channel)
      return unavailable('The engine is restarting; please try again.')
    return this.channel.call(route, input)
  }

  async stop(): Promise<void> {
    this.stopping = true
    this.clearReadyTimer()
    const child = this.child
    if (!child || child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    })
  }

  private onEvent(name: string, payload: unknown): void {
    if (name === ENGINE_READY_EVENT) {
      this.clearReadyTimer()
      this.childReady = true
      this.consecutiveCrashes = 0
      this.failedStarts = 0
      this.setState('ready')
      this.emit('ready')
    } else this.emit('engine-event', name, payload)
  }

  private onExit(
    child: ChildProcess,
    channel: RpcEndpoint,
    code: number | null,
    signal: NodeJS.Signals | null
  ): void {
    const how = howItEnded(code, signal)
    channel.close({
      code: 'engine-crashed',
      message: `The engine ${how} while working on this; it is being restarted. Please try again.`
    })
    if (child !== this.child || handled.has(child)) return
    handled.add(child)
    this.clearReadyTimer()
    if (this.stopping) return
    if (!this.childReady && ++this.failedStarts >= this.maxFailedStarts) {
      const reason = this.silentReason ?? this.stderr.reason() ?? `it ${how}`
      this.failure = `The engine cannot start: ${reason}`
      this.setState('failed', this.failure)
      this.emit('failed', this.failure)
      return
    }
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

  private clearReadyTimer(): void {
    if (this.readyTimer) clearTimeout(this.readyTimer)
    this.readyTimer = null
  }

  private setState(state: EngineState, message?: string): void {
    this.state = state
    this.emit('status', { state, message })
  }
}
