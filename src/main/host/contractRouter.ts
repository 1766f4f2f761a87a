import type { Transport } from '../../shared/client'
import type { EventName, RouteName } from '../../shared/contractNames'
import { createDispatcher, type Handlers } from '../../shared/dispatch'
import { inputBoundsProblem } from '../../shared/inputBounds'
import type { EngineHost } from './engineHost'

/**
 * The contract as every front end (IPC router, WebSocket bridge) sees it: routes the shell answers itself
 * (app info, native dialogs) run here; everything else goes to the engine process, which parses its own input.
 */
export function createContractRouter(
  engine: EngineHost,
  local: Partial<Handlers>
): Transport & { close(): Promise<void> } {
  const localDispatch = createDispatcher(
    {
      'engine.retry': async () => {
        engine.retry()
        return { state: engine.state }
      },
      ...local
    },
    (err) => console.error('[host]', err)
  )
  const isLocal = (route: RouteName): boolean => route === 'engine.retry' || route in local
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const emit = (name: string, payload: unknown): void => listeners.get(name)?.forEach((l) => l(payload))

  engine.on('engine-event', emit)
  engine.on('status', (status: unknown) => emit('engine.status', status))

  return {
    async invoke(route: RouteName, input: unknown) {
      // Checked here as well as by each front end: the copy to the engine process recurses through the input.
      const problem = inputBoundsProblem(input)
      if (problem) return { ok: false, error: { code: 'bad-input', message: problem } }
      return isLocal(route) ? localDispatch(route, input) : engine.request(route, input)
    },
    subscribe(event: EventName, listener: (payload: unknown) => void) {
      const set = listeners.get(event) ?? new Set()
      set.add(listener)
      listeners.set(event, set)
      return () => set.delete(listener)
    },
    close: () => engine.stop()
  }
}
