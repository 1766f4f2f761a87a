import { existsSync, readFileSync } from 'node:fs'
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
const SKIPPED =
  'The Electron binary is not installed on this machine (its download was skipped or failed); serve mode covers the app here.'

function alive(pid: number): boolean {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'))
  } catch {
    return false
  }
}

test('the desktop app: app://, CSP, MNIST, an epoch with augmentation, no engine restart, no engine left after closing', async () => {
  // The list reporter shows a skip without its reason; say it where the person running the tests reads.
  if (electronPath === null) console.log(`Skipped: ${SKIPPED}`)
  test.skip(electronPath === null, SKIPPED)
  // Electron refuses to run as root with its sandbox (CI containers run as root).
  const asRoot = process.getuid?.() === 0
  const app = await electron.launch({
    args: ['.', ...(asRoot ? ['--no-sandbox'] : [])],
    executablePath: electronPath!
  })
  const window = await app.firstWindow()
  await expect(window).toHaveTitle('CNN Workbench')
  expect(window.url()).toBe('app://workbench/index.html')
  await expect(window.getByTestId('engine-status')).toContainText('desktop · engine ready')
  const isolated = await window.evaluate(
    () => typeof (window as unknown as { require?: unknown }).require === 'undefined'
  )
  expect(isolated).toBe(true)
  // The CSP forbids evaluating strings as code.
  const evalBlocked = await window.evaluate(() => {
    try {
      return typeof new Function('return 1') !== 'function'
    } catch {
      return true
    }
  })
  expect(evalBlocked).toBe(true)

  await window.getByTestId('open-mnist').click()
  await expect(window.getByTestId('class-row')).toHaveCount(10, { timeout: 120_000 })

  await window.getByTestId('nav-augment').click()
  await window.getByTestId('preset-select').selectOption({ label: 'Light' })
  await window.getByTestId('nav-network').click()
  await window.getByTestId('template-select').selectOption({ label: 'Tiny (quick experiments)' })
  await window.getByTestId('nav-train').click()
  await window.getByTestId('setting-epochs').fill('1')
  await window.getByTestId('setting-augment').check()
  await window.getByTestId('train-start').click()
  await expect(window.getByTestId('train-status')).toHaveText('Completed', { timeout: 600_000 })
  await expect(window.getByTestId('backend-line')).toContainText('Computing on')
  await expect(window.getByTestId('backend-line')).toContainText(
    /onnxruntime's native CPU kernels|Computing on tfjs-node/
  )
  await expect(window.getByTestId('engine-process-line')).toContainText('Engine on')

  const info = await window.evaluate(() =>
    (
      window as unknown as { workbench: { invoke(r: string, i: unknown): Promise<unknown> } }
    ).workbench.invoke('app.info', {})
  )
  const engine = (info as { value: { engine: { pid: number; restarts: number } } }).value.engine
  expect(engine.restarts).toBe(0)
  await window.screenshot({ path: test.info().outputPath('desktop.png') })
  await app.close()
  await expect.poll(() => alive(engine.pid), { timeout: 30_000 }).toBe(false)
})
