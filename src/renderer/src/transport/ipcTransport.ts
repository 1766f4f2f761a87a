import type { Transport } from '../../../shared/client'
import type { WireResult } from '../../../shared/contract'

/** The desktop transport: the preload's frozen bridge over Electron IPC. */
export function createIpcTransport(bridge: WorkbenchBridge): Transport {
  return {
    invoke: (route, input) => bridge.invoke(route, input) as Promise<WireResult>,
    subscribe: (event, listener) => bridge.subscribe(event, listener)
  }
}
