import path from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { makeFolderDataset } from './makeImages'
import { expect, test } from './serveFixture'
import { chooseTiny, openFolder, train } from './userSteps'

const ROOMS = ['data', 'augment', 'network', 'train', 'evaluate', 'export', 'lab'] as const

/** The serious and critical findings of an axe-core scan of the page as it stands, as readable lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze()
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)
}

// These run in the page (as strings: the tests are compiled without the DOM's types).
/** Whether the page scrolls sideways: content wider than the window. */
const scrollsSideways = (page: Page): Promise<boolean> =>
  page.evaluate<boolean>('document.documentElement.scrollWidth > window.innerWidth')

/** Whether a reload would ask first: the page's beforeunload handler cancels the unload. */
const unloadWouldAsk = (page: Page): Promise<boolean> =>
  page.evaluate<boolean>(`(() => {
    const e = new Event('beforeunload', { cancelable: true })
    window.dispatchEvent(e)
    return e.defaultPrevented
  })()`)

const focusedId = (page: Page): Promise<string> => page.evaluate<string>("document.activeElement?.id ?? ''")

test('a new user at 1024×700: first steps, keyboard-only layer editing, every room fits and passes axe', async ({
  page,
  serve
}) => {
  test.setTimeout(240_000)
  const data = path.join(serve.dataRoot, 'shapes')
  await makeFolderDataset(data)
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.setViewportSize({ width: 1024, height: 700 })
  await page.goto(serve.url)

  // First run: the empty app says what to do first, and "How it works" explains the rooms and the README.
  await expect(page.getByTestId('first-steps')).toContainText('MNIST sample')
  expect(await unloadWouldAsk(page)).toBe(false)
  await page.getByTestId('help-open').click()
  const help = page.getByRole('dialog', { name: 'How it works' })
  await expect(help).toContainText('Network (Alt+3)')
  await expect(help).toContainText('Lab (Alt+7)')
  // The keyboard stays in the dialog, wrapping at both ends, while it is open.
  for (const key of ['Shift+Tab', 'Shift+Tab', 'Tab', 'Tab', 'Tab']) {
    await page.keyboard.press(key)
    expect(await help.evaluate((el) => el.contains(el.ownerDocument.activeElement)), `after ${key}`).toBe(
      true
    )
  }
  await help.getByRole('button', { name: 'Datasets' }).click()
  await expect(help.getByTestId('readme-title')).toHaveText('README: Datasets')
  await expect(help.getByTestId('readme-section')).toContainText('Each first-level sub-folder is a class')
  expect(await seriousViolations(page)).toEqual([])
  await page.keyboard.press('Escape')
  await expect(help).toBeHidden()
  await expect(page.getByTestId('help-open')).toBeFocused()

  // The two "Open" buttons say what they open.
  await expect(page.getByRole('button', { name: 'Open project…' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Open folder' })).toBeVisible()

  await openFolder(page, data, 3)
  // An unsaved session with a dataset open asks before a reload discards it.
  expect(await unloadWouldAsk(page)).toBe(true)
  await chooseTiny(page)

  // Keyboard only: Tab reaches the layer stack, ↑/↓ choose a layer, Enter edits it, Escape comes back,
  // Alt+↓ moves it, Delete removes it, Ctrl+Z undoes.
  const blocks = page.getByTestId('layer-block')
  await page.getByTestId('nav-network').focus()
  for (let i = 0; i < 40 && (await focusedId(page)) !== 'layer-stack'; i++) await page.keyboard.press('Tab')
  expect(await focusedId(page)).toBe('layer-stack')
  await expect(blocks.nth(0)).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('ArrowUp')
  await expect(blocks.nth(0)).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('field-type')).toBeFocused()
  await page.keyboard.press('Tab')
  await expect(page.getByTestId('field-filters')).toBeFocused()
  await page.keyboard.press('Control+a')
  await page.keyboard.type('16')
  await page.keyboard.press('Enter')
  await expect(blocks.nth(0)).toContainText('×16')
  await page.keyboard.press('Escape')
  expect(await focusedId(page)).toBe('layer-stack')
  await page.keyboard.press('Alt+ArrowDown')
  await expect(blocks.nth(1)).toHaveAttribute('data-kind', 'conv2d')
  await page.keyboard.press('Delete')
  await expect(blocks).toHaveCount(3)
  await page.keyboard.press('Control+z')
  await expect(blocks).toHaveCount(4)
  await expect(blocks.nth(1)).toHaveAttribute('data-kind', 'conv2d')
  await expect(blocks.nth(1)).toContainText('×16')

  // The training settings explain themselves: a tooltip and a "?" with a paragraph.
  await page.getByTestId('nav-train').click()
  await expect(page.getByTestId('setting-learningRate')).toHaveAttribute('title', /step/)
  await page.getByRole('button', { name: 'What is learning rate?' }).click()
  await expect(page.getByTestId('setting-learningRate-help-text')).toContainText('0.001 for Adam')
  await train(page, 1)

  // Every room at 1024×700, dark then light: no sideways scrolling, a screenshot, no serious axe finding.
  for (const theme of ['dark', 'light'] as const) {
    await page.getByTestId('theme-switch').selectOption(theme)
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
    for (const [i, room] of ROOMS.entries()) {
      await page.keyboard.press(`Alt+${i + 1}`)
      await expect(page.getByTestId(`nav-${room}`)).toHaveClass(/active/)
      await expect(page.getByTestId(`room-${room}`)).toBeVisible()
      expect(await scrollsSideways(page), `${room} scrolls sideways`).toBe(false)
      await page.screenshot({ path: test.info().outputPath(`${room}-1024x700-${theme}.png`) })
      expect(await seriousViolations(page), `${room} (${theme})`).toEqual([])
    }
  }
  // The top bar keeps the project's name whole and its save state on one line, in two rows at most (the
  // rooms with help, theme and engine status, then the project bar); the Network room keeps its Params
  // column inside the stack.
  const name = page.getByTestId('project-name')
  expect(await name.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true)
  const tabs = await page.getByTestId('nav-data').boundingBox()
  const helpButton = await page.getByTestId('help-open').boundingBox()
  const bar = await page.getByTestId('project-bar').boundingBox()
  expect(helpButton!.y).toBeLessThan(tabs!.y + tabs!.height)
  expect(bar!.height).toBeLessThan(2 * tabs!.height)
  await page.keyboard.press('Alt+3')
  const stack = await page.getByTestId('layer-stack').boundingBox()
  const params = await blocks.nth(0).getByTestId('layer-params').boundingBox()
  expect(params!.x + params!.width).toBeLessThanOrEqual(stack!.x + stack!.width)

  // "System" follows the computer's setting.
  await page.getByTestId('theme-switch').selectOption('system')
  await page.emulateMedia({ colorScheme: 'light' })
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light')
})
