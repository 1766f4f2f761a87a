import type { Transport } from '../../src/shared/client'
import type { EventName } from '../../src/shared/contractNames'
import type { Dispatch } from '../../src/shared/dispatch'

/**
 * The renderer tests' transport: route calls go through the real dispatcher, events through a tiny
 * emitter. Every input, output and event payload is structured-cloned on the way, as Electron's IPC
 * does, so anything that IPC would refuse (a Vue reactive proxy, a function) fails here too.
 */
export function inProcessTransport(dispatch: Dispatch, onInvoke?: (route: string, input: unknown) => void) {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>()
  const transport: Transport = {
    invoke: async (route, input) => {
      const sent = structuredClone(input)
      onInvoke?.(route, sent)
      return structuredClone(await dispatch(route, sent))
    },
    subscribe: (event, listener) => {
      const set = listeners.get(event) ?? new Set()
      set.add(listener)
      listeners.set(event, set)
      return () => set.delete(listener)
    }
  }
  return {
    transport,
    emit: (event: EventName, payload: unknown): void => {
      for (const listener of listeners.get(event) ?? []) listener(structuredClone(payload))
    },
    listenerCount: (event: EventName): number => listeners.get(event)?.size ?? 0,
    clear: (): void => listeners.clear()
  }
}
