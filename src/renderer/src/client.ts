import { createClient, type WorkbenchClient } from '../../shared/client'
import { createIpcTransport } from './transport/ipcTransport'
import { createWsTransport, serveSocketUrl } from './transport/wsTransport'

let current: WorkbenchClient | null = null

/** Stores call the backend through this; tests install a client over an in-process transport. */
export function useClient(): WorkbenchClient {
  if (!current) throw new Error('No backend connection has been set up.')
  return current
}

export function installClient(client: WorkbenchClient): void {
  current = client
}

/** The desktop app has the preload bridge; a browser talks to the serve-mode server it came from. */
export function connectToBackend(): { client: WorkbenchClient; mode: 'desktop' | 'serve' } {
  const bridge = window.workbench
  const transport = bridge ? createIpcTransport(bridge) : createWsTransport(serveSocketUrl(window.location))
  // Development builds check every answer and event against the contract's schemas.
  const client = createClient(transport, { checkSchemas: import.meta.env.DEV })
  installClient(client)
  return { client, mode: bridge ? 'desktop' : 'serve' }
}
