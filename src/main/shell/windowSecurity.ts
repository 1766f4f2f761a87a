import { DESKTOP_CSP } from './windowOptions'

/** The parts of Electron's WebContents and Session the hardening touches, so tests can stand them in. */
export interface GuardedContents {
  on(
    event: 'will-navigate',
    listener: (event: { preventDefault(): void; url: string }, url: string) => void
  ): unknown
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void
}

export interface GuardedSession {
  setPermissionRequestHandler(
    handler: (wc: unknown, permission: string, callback: (granted: boolean) => void) => void
  ): void
  setPermissionCheckHandler(handler: (wc: unknown, permission: string) => boolean): void
  webRequest: {
    onHeadersReceived(
      listener: (
        details: { responseHeaders?: Record<string, string[] | string> },
        callback: (response: { responseHeaders: Record<string, string[] | string> }) => void
      ) => void
    ): void
  }
}

/**
 * Denies navigation away from the app, new windows and every permission request, and sets a strict
 * CSP on every response: the window only ever shows the app's own page.
 */
export function hardenWindow(
  contents: GuardedContents,
  session: GuardedSession,
  appUrl: (url: string) => boolean
): void {
  contents.on('will-navigate', (event, url) => {
    if (!appUrl(url)) event.preventDefault()
  })
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [DESKTOP_CSP] } })
  })
}

/** The app's own pages: its file:// index in production, the dev server while developing. */
export function isAppUrl(url: string, rendererIndexUrl: string, devServerUrl?: string): boolean {
  try {
    const u = new URL(url)
    if (devServerUrl) return u.origin === new URL(devServerUrl).origin
    return u.protocol === 'file:' && u.pathname === new URL(rendererIndexUrl).pathname
  } catch {
    return false
  }
}
