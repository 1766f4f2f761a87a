import { app, BrowserWindow, dialog, ipcMain, protocol } from 'electron'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { appInfoHandler } from './host/appInfo'
import { createContractRouter } from './host/contractRouter'
import { EngineHost } from './host/engineHost'
import { desktopEngineLaunch } from './host/engineLaunch'
import { APP_INDEX_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, appResponse } from './shell/appProtocol'
import { closeQuestion, guardClose, stopRunsAndWait, trackActiveRuns } from './shell/closeGuard'
import { forwardEvents, registerIpcRouter } from './shell/ipcRouter'
import { mainWindowOptions } from './shell/windowOptions'
import { hardenContents, isAppUrl } from './shell/windowSecurity'

const here = path.dirname(fileURLToPath(import.meta.url))
const rendererDir = path.join(here, '../renderer')
const devServerUrl = process.env.ELECTRON_RENDERER_URL
const isOwnUrl = (url: string): boolean => isAppUrl(url, devServerUrl)

// Before the app is ready: app:// is a standard, secure origin of its own.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }])
// Every webContents, whatever creates it, only ever shows the app's own page and gets no permission.
app.on('web-contents-created', (_event, contents) => hardenContents(contents, isOwnUrl))

async function main(): Promise<void> {
  await app.whenReady()
  protocol.handle(APP_SCHEME, async (request) => {
    const answer = await appResponse(request.url, rendererDir)
    return new Response(answer.body, { status: answer.status, headers: answer.headers })
  })
  const dataRoot = app.getPath('home')
  const engine = new EngineHost(desktopEngineLaunch({ dataRoot }, here, process.execPath))
  engine.start()

  const win = new BrowserWindow(mainWindowOptions(path.join(here, '../preload/index.cjs')))
  const contract = createContractRouter(engine, {
    'app.info': appInfoHandler('desktop', dataRoot, engine, app.getVersion()),
    'dialog.openFolder': async () => {
      const result = await dialog.showOpenDialog(win, {
        title: 'Open a dataset folder',
        properties: ['openDirectory']
      })
      return { path: result.canceled ? null : (result.filePaths[0] ?? null) }
    }
  })
  registerIpcRouter(
    ipcMain,
    contract,
    (event) => event.sender === win.webContents && isOwnUrl(event.senderFrame?.url ?? '')
  )
  const stopForwarding = forwardEvents(contract, win.webContents)
  const runs = trackActiveRuns(contract)
  guardClose(win, {
    activeRuns: runs.active,
    confirm: async (count) => (await dialog.showMessageBox(win, closeQuestion(count))).response === 1,
    stopRuns: (runIds) => stopRunsAndWait(contract, runIds, runs.active)
  })

  win.once('ready-to-show', () => win.show())
  win.on('closed', () => {
    runs.stop()
    stopForwarding()
    void contract.close().then(() => app.quit())
  })
  await win.loadURL(devServerUrl ?? APP_INDEX_URL)
}

app.on('window-all-closed', () => app.quit())
void main()
