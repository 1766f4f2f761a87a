import type { WireError, WireResult } from '../contract'
import { isRpcAnswer, isRpcCancel, isRpcEvent, isRpcRequest, type RpcMessage } from './rpcMessages'
import { toWireError } from '../workbenchError'

/** The routes one side of a channel answers: each route's input and the value of its answer. */
export type RpcRoutes = Record<string, { input: unknown; output: unknown }>
type AnyRoutes = Record<string, { input: unknown; output: unknown }>

/** Answers one request; `signal` aborts when the caller cancels or stops waiting. */
export type RpcAnswerer = (route: string, input: unknown, signal: AbortSignal) => Promise<WireResult>

export interface RpcEndpointOptions {
  /** Puts one message on the channel (postMessage, process.send, WebSocket.send…). */
  send(message: RpcMessage): void
  /** Answers the other side's requests; without it every request is answered "not available here". */
  answer?: RpcAnswerer
  onEvent?(name: string, payload: unknown): void
  /** Default time a call waits for its answer; none when absent (training and imports take minutes). */
  timeoutMs?: number
}

export interface CallOptions {
  timeoutMs?: number
  signal?: AbortSignal
}

export interface RpcEndpoint<Remote extends RpcRoutes = AnyRoutes> {
  /** Resolves with the answer, or with an error (never rejects): timeout, cancellation, closed channel. */
  call<R extends keyof Remote & string>(
    route: R,
    input: Remote[R]['input'],
    options?: CallOptions
  ): Promise<WireResult<Remote[R]['output']>>
  emit(event: string, payload: unknown): void
  /** Feeds one message from the channel; false when it is not an RPC message at all. */
  receive(message: unknown): boolean
  /** The channel went away: every waiting call settles with `error`; the endpoint stays usable. */
  failPending(error: WireError): void
  /** As failPending, and every later call fails at once with the same error. */
  close(error: WireError): void
  readonly pendingCount: number
}

interface Waiting {
  settle(result: WireResult): void
}

/** One side of a request/answer channel: ids, the waiting calls, timeouts, cancellation and the channel's end. */
export function createRpcEndpoint<Remote extends RpcRoutes = AnyRoutes>(
  options: RpcEndpointOptions
): RpcEndpoint<Remote> {
  let nextId = 1
  let closedWith: WireError | null = null
  const waiting = new Map<number, Waiting>()
  const answering = new Map<number, AbortController>()

  const trySend = (message: RpcMessage): boolean => {
    try {
      options.send(message)
      return true
    } catch {
      return false
    }
  }

  function call(route: string, input: unknown, callOptions: CallOptions = {}): Promise<WireResult> {
    if (closedWith) return Promise.resolve({ ok: false, error: closedWith })
    const { signal } = callOptions
    if (signal?.aborted) return Promise.resolve(cancelled)
    const id = nextId++
    return new Promise<WireResult>((resolve) => {
      let timer: ReturnType<typeof setTimeout> | undefined
      const onAbort = (): void => giveUp(cancelled)
      const settle = (result: WireResult): void => {
        waiting.delete(id)
        if (timer !== undefined) clearTimeout(timer)
        signal?.removeEventListener('abort', onAbort)
        resolve(result)
      }
      // The other side may still be working on it: tell it, and ignore its answer when it comes.
      const giveUp = (result: WireResult): void => {
        if (!waiting.has(id)) return
        settle(result)
        trySend({ cancel: id })
      }
      waiting.set(id, { settle })
      signal?.addEventListener('abort', onAbort, { once: true })
      const timeoutMs = callOptions.timeoutMs ?? options.timeoutMs
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => giveUp(timedOut(route, timeoutMs)), timeoutMs)
      }
      if (!trySend({ id, route, input })) {
        settle({
          ok: false,
          error: { code: 'unavailable', message: `Could not send ${route}: the channel is closed.` }
        })
      }
    })
  }

  function answer(id: number, route: string, input: unknown): void {
    const controller = new AbortController()
    answering.set(id, controller)
    const answerer = options.answer
    const work: Promise<WireResult> = answerer
      ? Promise.resolve()
          .then(() => answerer(route, input, controller.signal))
          .catch((err: unknown) => ({ ok: false, error: toWireError(err) }))
      : Promise.resolve({
          ok: false,
          error: { code: 'unavailable', message: `"${route}" is not available here.` }
        })
    void work.then((result) => {
      answering.delete(id)
      if (!controller.signal.aborted) trySend({ id, result })
    })
  }

  function failPending(error: WireError): void {
    for (const w of [...waiting.values()]) w.settle({ ok: false, error })
    for (const controller of answering.values()) controller.abort()
    answering.clear()
  }

  return {
    call: call as RpcEndpoint<Remote>['call'],
    emit(event, payload) {
      trySend({ event, payload })
    },
    receive(message) {
      if (isRpcAnswer(message)) waiting.get(message.id)?.settle(message.result)
      else if (isRpcRequest(message)) answer(message.id, message.route, message.input)
      else if (isRpcEvent(message)) options.onEvent?.(message.event, message.payload)
      else if (isRpcCancel(message)) answering.get(message.cancel)?.abort()
      else return false
      return true
    },
    failPending,
    close(error) {
      closedWith = error
      failPending(error)
    },
    get pendingCount() {
      return waiting.size
    }
  }
}

const cancelled: WireResult = { ok: false, error: { code: 'cancelled', message: 'Cancelled.' } }

function timedOut(route: string, ms: number): WireResult {
  const seconds = ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`
  return {
    ok: false,
    error: { code: 'unavailable', message: `No answer to ${route} within ${seconds}; please try again.` }
  }
}
