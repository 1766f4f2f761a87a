import { app, BrowserWindow, dialog, ipcMain, session } from 'electron'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { appInfoHandler } from './host/appInfo'
import { createBackend } from './host/backend'
import { EngineHost } from './host/engineHost'
import { desktopEngineLaunch } from './host/engineLaunch'
import { forwardEvents, registerIpcRouter } from './shell/ipcRouter'
import { mainWindowOptions } from './shell/windowOptions'
import { hardenWindow, isAppUrl } from './shell/windowSecurity'

const here = path.dirname(fileURLToPath(import.meta.url))
const rendererIndex = path.join(here, '../renderer/index.html')
const devServerUrl = process.env.ELECTRON_RENDERER_URL

async function main(): Promise<void> {
  await app.whenReady()
  const dataRoot = app.getPath('home')
  const engine = new EngineHost(desktopEngineLaunch({ dataRoot }, here, process.execPath))
  engine.start()

  const win = new BrowserWindow(mainWindowOptions(path.join(here, '../preload/index.cjs')))
  const isOwnUrl = (url: string): boolean => isAppUrl(url, pathToFileURL(rendererIndex).href, devServerUrl)
  hardenWindow(win.webContents, session.defaultSession, isOwnUrl)

  const backend = createBackend(engine, {
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
    backend,
    (event) => event.sender === win.webContents && isOwnUrl(event.senderFrame?.url ?? '')
  )
  const stopForwarding = forwardEvents(backend, win.webContents)

  win.once('ready-to-show', () => win.show())
  win.on('closed', () => {
    stopForwarding()
    void backend.close().then(() => app.quit())
  })
  if (devServerUrl) await win.loadURL(devServerUrl)
  else await win.loadFile(rendererIndex)
}

app.on('window-all-closed', () => app.quit())
void main()
