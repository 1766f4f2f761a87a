import { DESKTOP_CSP } from './windowOptions'
import { APP_HOST, APP_SCHEME } from './appProtocol'

/** The parts of Electron's WebContents the hardening touches, so tests can stand them in. */
export interface GuardedContents {
  on(
    event: 'will-navigate' | 'will-redirect',
    listener: (event: { preventDefault(): void }, url: string) => void
  ): unknown
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void
  session: GuardedSession
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

const hardenedSessions = new WeakSet<GuardedSession>()

/**
 * Denies every permission request and sets the CSP on every http(s) response (the dev server; app://
 * responses carry it themselves). Once per session, however many contents share it.
 */
export function hardenSession(session: GuardedSession): void {
  if (hardenedSessions.has(session)) return
  hardenedSessions.add(session)
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [DESKTOP_CSP] } })
  })
}

/**
 * Any webContents only ever shows the app's own page: navigation and redirects elsewhere, new windows and
 * webviews are denied. Applied to every webContents Electron creates, not only the main window's.
 */
export function hardenContents(contents: GuardedContents, appUrl: (url: string) => boolean): void {
  const stayHome = (event: { preventDefault(): void }, url: string): void => {
    if (!appUrl(url)) event.preventDefault()
  }
  contents.on('will-navigate', stayHome)
  contents.on('will-redirect', stayHome)
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  hardenSession(contents.session)
}

/** The app's own pages: app://workbench/ in production, the dev server while developing. */
export function isAppUrl(url: string, devServerUrl?: string): boolean {
  try {
    const u = new URL(url)
    if (devServerUrl) return u.origin === new URL(devServerUrl).origin
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST
  } catch {
    return false
  }
}
