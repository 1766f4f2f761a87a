import { describe, expect, it } from 'vitest'
import { createDispatcher } from '../../../src/shared/dispatch'
import {
  EVENT_CHANNEL,
  forwardEvents,
  INVOKE_CHANNEL,
  registerIpcRouter
} from '../../../src/main/shell/ipcRouter'
import { DESKTOP_CSP, mainWindowOptions } from '../../../src/main/shell/windowOptions'
import { hardenContents, isAppUrl, type GuardedContents } from '../../../src/main/shell/windowSecurity'
import type { Transport } from '../../../src/shared/client'

// Electron's binary cannot run here, so these stand in for ipcMain, WebContents and Session with the
// same method shapes the shell calls; the handlers themselves are the real ones.
function fakeIpcMain() {
  const handlers = new Map<string, (event: never, ...args: unknown[]) => unknown>()
  return {
    handle: (channel: string, fn: (event: never, ...args: unknown[]) => unknown) =>
      void handlers.set(channel, fn),
    call: (event: unknown, ...args: unknown[]) => handlers.get(INVOKE_CHANNEL)!(event as never, ...args)
  }
}

const contract: Transport & { emit(name: string, p: unknown): void } = (() => {
  const dispatch = createDispatcher({ 'op.cancel': async ({ opId }) => ({ cancelled: opId === 'known' }) })
  const listeners = new Map<string, (p: unknown) => void>()
  return {
    invoke: dispatch,
    subscribe: (name: string, l: (p: unknown) => void) => {
      listeners.set(name, l)
      return () => listeners.delete(name)
    },
    emit: (name: string, p: unknown) => listeners.get(name)?.(p)
  }
})()

describe('the Electron shell', () => {
  it('creates the window isolated, sandboxed and without Node', () => {
    const o = mainWindowOptions('/app/preload/index.cjs')
    expect(o.webPreferences).toMatchObject({
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      webviewTag: false
    })
    expect(o.webPreferences.preload).toBe('/app/preload/index.cjs')
  })

  it('routes IPC only from the app’s own window and parses every input', async () => {
    const ipc = fakeIpcMain()
    const own = { senderFrame: { url: 'file:///app/renderer/index.html' }, sender: 'win' }
    registerIpcRouter(ipc, contract, (e) => e.sender === 'win')
    expect(await ipc.call(own, 'op.cancel', { opId: 'known' })).toEqual({
      ok: true,
      value: { cancelled: true }
    })
    expect(await ipc.call({ ...own, sender: 'other' }, 'op.cancel', { opId: 'known' })).toMatchObject({
      ok: false,
      error: { code: 'bad-input' }
    })
    expect(await ipc.call(own, 'shell.exec', {})).toMatchObject({
      ok: false,
      error: { message: 'Unknown route "shell.exec".' }
    })
    expect(await ipc.call(own, 'op.cancel', { opId: 42 })).toMatchObject({
      ok: false,
      error: { code: 'bad-input' }
    })
  })

  it('refuses IPC input nested or sized beyond the bounds before the backend sees it', async () => {
    const ipc = fakeIpcMain()
    const own = { senderFrame: { url: 'file:///app/renderer/index.html' }, sender: 'win' }
    let reached = 0
    const counting: Transport = {
      invoke: async (route, input) => (reached++, contract.invoke(route, input)),
      subscribe: contract.subscribe
    }
    registerIpcRouter(ipc, counting, (e) => e.sender === 'win')
    let deep: unknown = 'known'
    for (let i = 0; i < 5000; i++) deep = { opId: deep }
    expect(await ipc.call(own, 'op.cancel', deep)).toMatchObject({
      ok: false,
      error: { code: 'bad-input', message: expect.stringMatching(/nested/) }
    })
    expect(await ipc.call(own, 'op.cancel', { opId: 'x'.repeat(2 * 1024 * 1024) })).toMatchObject({
      ok: false,
      error: { code: 'bad-input', message: expect.stringMatching(/larger/) }
    })
    expect(reached).toBe(0)
  })

  it('answers with an error when the backend itself fails', async () => {
    const ipc = fakeIpcMain()
    const own = { senderFrame: { url: 'file:///app/renderer/index.html' }, sender: 'win' }
    const failing: Transport = {
      invoke: () => Promise.reject(new Error('boom')),
      subscribe: contract.subscribe
    }
    registerIpcRouter(ipc, failing, (e) => e.sender === 'win')
    expect(await ipc.call(own, 'op.cancel', { opId: 'known' })).toMatchObject({
      ok: false,
      error: { code: 'failed' }
    })
  })

  it('forwards events to the window until unsubscribed', () => {
    const sent: unknown[][] = []
    const off = forwardEvents(contract, { send: (...a) => void sent.push(a), isDestroyed: () => false })
    contract.emit('op.progress', { opId: 'x', phase: 'decode', done: 1, total: 2, etaSeconds: 1 })
    off()
    contract.emit('op.progress', { opId: 'x', phase: 'decode', done: 2, total: 2, etaSeconds: 0 })
    expect(sent).toEqual([
      [EVENT_CHANNEL, 'op.progress', { opId: 'x', phase: 'decode', done: 1, total: 2, etaSeconds: 1 }]
    ])
  })

  it('denies navigation away, redirects, new windows, webviews and permissions, and sets a strict CSP', () => {
    const listeners = new Map<string, (e: { preventDefault(): void }, url: string) => void>()
    let openHandler: ((d: { url: string }) => { action: 'deny' }) | undefined
    let permission: ((wc: unknown, p: string, cb: (g: boolean) => void) => void) | undefined
    let check: ((wc: unknown, p: string) => boolean) | undefined
    let headers:
      | ((
          d: { responseHeaders?: Record<string, string[] | string> },
          cb: (r: { responseHeaders: Record<string, string[] | string> }) => void
        ) => void)
      | undefined
    const contents = {
      on: (event: string, listener: (e: { preventDefault(): void }, url: string) => void) =>
        listeners.set(event, listener),
      setWindowOpenHandler: (h: (d: { url: string }) => { action: 'deny' }) => (openHandler = h),
      session: {
        setPermissionRequestHandler: (h: typeof permission) => (permission = h),
        setPermissionCheckHandler: (h: typeof check) => (check = h),
        webRequest: { onHeadersReceived: (l: typeof headers) => (headers = l) }
      }
    } as unknown as GuardedContents
    hardenContents(contents, (u) => isAppUrl(u))
    let prevented = 0
    const event = { preventDefault: () => prevented++ }
    listeners.get('will-navigate')!(event, 'https://evil.example.com/')
    listeners.get('will-navigate')!(event, 'app://workbench/index.html')
    listeners.get('will-redirect')!(event, 'file:///etc/passwd')
    listeners.get('will-attach-webview')!(event, '')
    expect(prevented).toBe(3)
    expect(openHandler!({ url: 'https://example.com' })).toEqual({ action: 'deny' })
    let granted: boolean | undefined
    permission!(null, 'camera', (g) => (granted = g))
    expect(granted).toBe(false)
    expect(check!(null, 'clipboard-read')).toBe(false)
    let csp: unknown
    headers!({ responseHeaders: {} }, (r) => (csp = r.responseHeaders['Content-Security-Policy']))
    expect(csp).toEqual([DESKTOP_CSP])
    expect(DESKTOP_CSP).toContain("script-src 'self'")
    expect(DESKTOP_CSP).not.toContain('unsafe-eval')
  })

  it('recognises only the app’s own pages as its URL', () => {
    expect(isAppUrl('app://workbench/index.html')).toBe(true)
    expect(isAppUrl('app://other/index.html')).toBe(false)
    expect(isAppUrl('file:///app/renderer/index.html')).toBe(false)
    expect(isAppUrl('http://localhost:5173/x', 'http://localhost:5173')).toBe(true)
    expect(isAppUrl('http://localhost:9999/', 'http://localhost:5173')).toBe(false)
  })
})
