import { contextBridge, ipcRenderer, webUtils } from 'electron'
import { isEventName, isRouteName, type EventName, type RouteName } from '../shared/contractNames'

const INVOKE_CHANNEL = 'workbench:invoke'
const EVENT_CHANNEL = 'workbench:event'

/**
 * The one object the renderer sees: contract calls, event subscriptions and the path of a dropped
 * folder. ipcRenderer itself never crosses the bridge.
 */
const bridge = Object.freeze({
  mode: 'desktop' as const,
  invoke(route: RouteName, input: unknown): Promise<unknown> {
    if (!isRouteName(route)) return Promise.reject(new Error(`Unknown route "${String(route)}".`))
    return ipcRenderer.invoke(INVOKE_CHANNEL, route, input)
  },
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void {
    if (!isEventName(event)) throw new Error(`Unknown event "${String(event)}".`)
    const handler = (_e: unknown, name: unknown, payload: unknown): void => {
      if (name === event) listener(payload)
    }
    ipcRenderer.on(EVENT_CHANNEL, handler)
    return () => void ipcRenderer.removeListener(EVENT_CHANNEL, handler)
  },
  pathForFile(file: File): string {
    return webUtils.getPathForFile(file)
  }
})

contextBridge.exposeInMainWorld('workbench', bridge)
