import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { FuseV1Options } from '@electron/fuses'
import { FUSES } from '../../../scripts/packaging/fuseSettings'
import { desktopEngineLaunch } from '../../../src/main/host/engineLaunch'
import {
  APP_INDEX_URL,
  APP_SCHEME_PRIVILEGES,
  appFileFor,
  appResponse
} from '../../../src/main/shell/appProtocol'
import {
  closeQuestion,
  guardClose,
  trackActiveRuns,
  type GuardedWindow
} from '../../../src/main/shell/closeGuard'
import { sandboxProblem, type SandboxFacts } from '../../../src/main/shell/linuxSandbox'
import { DESKTOP_CSP } from '../../../src/main/shell/windowOptions'

const rendererDir = path.resolve('/app/out/renderer')

describe('the app:// protocol', () => {
  it('is a standard, secure scheme, and the window loads its index from it', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true, bypassCSP: false })
    expect(APP_INDEX_URL).toBe('app://workbench/index.html')
  })

  it('maps its URLs to files inside the renderer folder only', () => {
    expect(appFileFor('app://workbench/index.html', rendererDir)).toBe(path.join(rendererDir, 'index.html'))
    expect(appFileFor('app://workbench/', rendererDir)).toBe(path.join(rendererDir, 'index.html'))
    expect(appFileFor('app://workbench/assets/a%20b.js?x=1', rendererDir)).toBe(
      path.join(rendererDir, 'assets', 'a b.js')
    )
    // URL parsing resolves dot segments (%2e too) first: these stay inside the renderer folder.
    expect(appFileFor('app://workbench/%2e%2e/%2e%2e/etc/passwd', rendererDir)).toBe(
      path.join(rendererDir, 'etc', 'passwd')
    )
    expect(appFileFor('app://workbench/../main/index.js', rendererDir)).toBe(
      path.join(rendererDir, 'main', 'index.js')
    )
    for (const outside of [
      'app://workbench/..%2f..%2fetc%2fpasswd',
      'app://elsewhere/index.html',
      'file:///etc/passwd',
      'app://workbench/%00.html'
    ])
      expect(appFileFor(outside, rendererDir), outside).toBeNull()
  })

  it('answers with the content type and the CSP as a header, and 404 for anything else', async () => {
    const files: Record<string, string> = { [path.join(rendererDir, 'index.html')]: '<!doctype html>' }
    const read = async (file: string) => {
      if (!(file in files)) throw new Error('ENOENT')
      return new TextEncoder().encode(files[file])
    }
    const page = await appResponse('app://workbench/index.html', rendererDir, read)
    expect(page.status).toBe(200)
    expect(page.headers).toMatchObject({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': DESKTOP_CSP
    })
    expect((await appResponse('app://workbench/missing.js', rendererDir, read)).status).toBe(404)
    const outside = await appResponse('app://workbench/../../etc/passwd', rendererDir, read)
    expect(outside.status).toBe(404)
    expect(outside.headers['Content-Security-Policy']).toBe(DESKTOP_CSP)
  })

  it('index.html carries the CSP as a <meta> fallback, no looser than the headers where they overlap', () => {
    const html = readFileSync('src/renderer/index.html', 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1]
    expect(meta).toBeDefined()
    expect(meta).toContain("script-src 'self';")
    expect(meta).toContain("object-src 'none'")
    expect(meta).not.toMatch(/unsafe-eval/)
  })
})

/** A window standing in for BrowserWindow: close() emits 'close', which a listener may cancel. */
function fakeWindow() {
  const listeners: ((e: { preventDefault(): void }) => void)[] = []
  let closed = 0
  const win: GuardedWindow = {
    on: (_event, listener) => listeners.push(listener),
    close: () => {
      let prevented = false
      for (const l of listeners) l({ preventDefault: () => (prevented = true) })
      if (!prevented) closed++
    }
  }
  return { win, closed: () => closed }
}

describe('closing the window while a run trains', () => {
  it('closes at once when nothing trains', () => {
    const { win, closed } = fakeWindow()
    guardClose(win, { activeRuns: () => [], confirm: async () => false, stopRuns: async () => {} })
    win.close()
    expect(closed()).toBe(1)
  })

  it('asks first; "Keep training" keeps the window, "Stop and close" stops the run, then closes', async () => {
    const { win, closed } = fakeWindow()
    const answers = [false, true]
    const stopped: string[][] = []
    let asked = 0
    let settle: () => void = () => {}
    guardClose(win, {
      activeRuns: () => ['run-1'],
      confirm: async (count) => {
        asked++
        expect(count).toBe(1)
        return answers.shift() ?? false
      },
      stopRuns: async (runIds) => {
        stopped.push(runIds)
        settle()
      }
    })
    win.close()
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect([asked, closed(), stopped.length]).toEqual([1, 0, 0])
    const stoppedOnce = new Promise<void>((resolve) => (settle = resolve))
    win.close()
    await stoppedOnce
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect([asked, closed(), stopped]).toEqual([2, 1, [['run-1']]])
    expect(closeQuestion(1)).toMatchObject({ buttons: ['Keep training', 'Stop and close'], cancelId: 0 })
  })
})

const linux = (over: Partial<SandboxFacts>): SandboxFacts => ({
  platform: 'linux',
  uid: 1000,
  noSandbox: false,
  apparmorRestrictsUserns: '0',
  usernsClone: null,
  chromeSandbox: { path: '/app/node_modules/electron/dist/chrome-sandbox', uid: 1000, mode: 0o100755 },
  ...over
})

describe('starting Electron on Linux', () => {
  it('starts where user namespaces are allowed or chrome-sandbox is setuid root', () => {
    expect(sandboxProblem(linux({}))).toBeNull()
    expect(
      sandboxProblem(
        linux({
          apparmorRestrictsUserns: '1',
          chromeSandbox: { path: '/x/chrome-sandbox', uid: 0, mode: 0o104755 }
        })
      )
    ).toBeNull()
  })

  it('says in one sentence how to fix AppArmor’s restriction, and that --no-sandbox is the trade-off', () => {
    expect(sandboxProblem(linux({ apparmorRestrictsUserns: '1' }))).toBe(
      `Electron's sandbox cannot start because AppArmor restricts unprivileged user namespaces on this system: run "sudo chown root:root /app/node_modules/electron/dist/chrome-sandbox && sudo chmod 4755 /app/node_modules/electron/dist/chrome-sandbox" once, or start with "npm start -- --no-sandbox" (which turns the sandbox off).`
    )
    expect(sandboxProblem(linux({ usernsClone: '0' }))).toMatch(/user namespaces are turned off/)
  })

  it('as root asks for a normal user or --no-sandbox, and accepts --no-sandbox', () => {
    expect(sandboxProblem(linux({ uid: 0 }))).toMatch(/does not run as root with its sandbox on/)
    expect(sandboxProblem(linux({ uid: 0, noSandbox: true }))).toBeNull()
    expect(sandboxProblem({ ...linux({ uid: 0 }), platform: 'darwin' })).toBeNull()
  })
})

describe('the fuses flipped in the packaged binary', () => {
  it('keep RunAsNode only because the engine still runs on Electron as Node where there is no Node.js', () => {
    const launch = desktopEngineLaunch({ dataRoot: '/d' }, '/app/out/main', '/app/cnn-workbench', {
      platform: 'linux',
      electronVersion: '38.8.6',
      node: { found: null, rejected: ['no node'] },
      exists: () => false
    })
    const engineNeedsRunAsNode = launch.env?.ELECTRON_RUN_AS_NODE === '1'
    expect(FUSES[FuseV1Options.RunAsNode]).toBe(engineNeedsRunAsNode)
  })

  it('encrypt cookies, load the app only from an integrity-checked app.asar, and take no NODE_OPTIONS or --inspect', () => {
    expect(FUSES).toMatchObject({
      strictlyRequireAllFuses: true,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false
    })
  })
})

describe('the runs the close guard asks about', () => {
  it('are the runs whose last training.run event says they train, and none once the engine is not ready', () => {
    const listeners = new Map<string, (payload: unknown) => void>()
    const contract = {
      invoke: async () => ({ ok: true as const, value: null }),
      subscribe: (event: string, listener: (payload: unknown) => void) => {
        listeners.set(event, listener)
        return () => listeners.delete(event)
      }
    }
    const runs = trackActiveRuns(contract)
    const run = (id: string, status: string): void => listeners.get('training.run')?.({ id, status })
    run('a', 'running')
    run('b', 'running')
    run('b', 'paused')
    expect(runs.active()).toEqual(['a', 'b'])
    run('a', 'stopped')
    expect(runs.active()).toEqual(['b'])
    listeners.get('engine.status')?.({ state: 'crashed' })
    expect(runs.active()).toEqual([])
    runs.stop()
    expect(listeners.size).toBe(0)
  })
})
