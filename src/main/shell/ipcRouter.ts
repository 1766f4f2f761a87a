import type { Transport } from '../../shared/client'
import { eventNames, isRouteName } from '../../shared/contractNames'
import { inputBoundsProblem } from '../../shared/inputBounds'

export const INVOKE_CHANNEL = 'workbench:invoke'
export const EVENT_CHANNEL = 'workbench:event'

export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: { senderFrame: { url: string } | null; sender: unknown }, ...args: unknown[]) => unknown
  ): void
}

export interface EventSink {
  send(channel: string, ...args: unknown[]): void
  isDestroyed(): boolean
}

/**
 * The desktop transport's receiving end: only the app's own window may call, only contract routes
 * exist, and the engine parses every input before a handler sees it.
 */
export function registerIpcRouter(
  ipcMain: IpcMainLike,
  contract: Transport,
  isTrustedSender: (event: { senderFrame: { url: string } | null; sender: unknown }) => boolean
): void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, route, input) => {
    if (!isTrustedSender(event)) {
      return {
        ok: false,
        error: { code: 'bad-input', message: 'Requests are only accepted from the app’s own window.' }
      }
    }
    if (!isRouteName(route)) {
      const message = typeof route === 'string' ? `Unknown route "${route.slice(0, 80)}".` : 'Unknown route.'
      return { ok: false, error: { code: 'bad-input', message } }
    }
    const problem = inputBoundsProblem(input)
    if (problem) return { ok: false, error: { code: 'bad-input', message: problem } }
    try {
      return await contract.invoke(route, input)
    } catch (err) {
      console.error('[ipc]', route, err instanceof Error ? err.message : String(err))
      return { ok: false, error: { code: 'failed', message: 'The request failed.' } }
    }
  })
}

/** Pushes every contract event to the window; returns the unsubscribe function. */
export function forwardEvents(contract: Transport, sink: EventSink): () => void {
  const offs = eventNames.map((name) =>
    contract.subscribe(name, (payload) => {
      if (!sink.isDestroyed()) sink.send(EVENT_CHANNEL, name, payload)
    })
  )
  return () => offs.forEach((off) => off())
}
