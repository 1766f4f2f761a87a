import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { _electron as electron, expect, test } from '@playwright/test'

// The `electron` package exports the path of its binary, and throws when the download was skipped.
function findElectron(): string | null {
  try {
    const p = createRequire(import.meta.url)('electron') as unknown
    return typeof p === 'string' && existsSync(p) ? p : null
  } catch {
    return null
  }
}
const electronPath = findElectron()
const hasBinary = electronPath !== null

test('the desktop app opens its window, starts the engine and opens the MNIST sample', async () => {
  test.skip(
    !hasBinary,
    'The Electron binary is not installed on this machine (ELECTRON_SKIP_BINARY_DOWNLOAD); serve mode covers the app here.'
  )
  const app = await electron.launch({ args: ['.'], executablePath: electronPath! })
  const window = await app.firstWindow()
  await expect(window).toHaveTitle('CNN Workbench')
  await expect(window.getByTestId('engine-status')).toContainText('desktop · engine ready')
  const isolated = await window.evaluate(
    () => typeof (window as unknown as { require?: unknown }).require === 'undefined'
  )
  expect(isolated).toBe(true)
  await window.getByTestId('open-mnist').click()
  await expect(window.getByTestId('class-row')).toHaveCount(10, { timeout: 60_000 })
  await window.screenshot({ path: test.info().outputPath('desktop.png') })
  await app.close()
})
