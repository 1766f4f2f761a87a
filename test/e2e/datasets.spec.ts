import path from 'node:path'
import { expect, test } from './serveFixture'
import { makeFolderDataset } from './makeImages'

test('a user opens a folder dataset by path, reads the import report and browses the grid', async ({
  page,
  serve
}) => {
  const root = path.join(serve.dataRoot, 'shapes')
  const { counts, bad } = await makeFolderDataset(root)

  await page.goto(serve.url)
  await expect(page.getByTestId('engine-status')).toContainText('ready')
  await page.getByTestId('dataset-path').fill(root)
  await page.getByTestId('open-path').click()

  const rows = page.getByTestId('class-row')
  await expect(rows).toHaveCount(3)
  for (const [name, n] of Object.entries(counts)) {
    await expect(rows.filter({ hasText: name }).getByTestId('class-count')).toHaveText(String(n))
  }
  const skipped = page.getByTestId('skipped-row')
  await expect(skipped).toHaveCount(bad.length)
  for (const b of bad) await expect(skipped.filter({ hasText: b })).toHaveCount(1)

  const thumbs = page.getByTestId('thumbnail')
  await expect(page.getByTestId('grid-count')).toHaveText('27 images')
  await expect(thumbs).toHaveCount(27)
  await page.getByTestId('filter-class').selectOption({ label: 'triangle' })
  await expect(page.getByTestId('grid-count')).toHaveText('6 images')
  await expect(thumbs).toHaveCount(6)

  await thumbs.first().click()
  await expect(page.getByTestId('image-detail')).toBeVisible()
  await expect(page.getByTestId('detail-path')).toContainText('triangle/')
  await expect(page.getByTestId('detail-size')).toHaveText('32×32')
  await expect(page.getByTestId('detail-format')).toHaveText(/png/i)
  await page.screenshot({ path: test.info().outputPath('data-room-detail.png') })
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('image-detail')).toHaveCount(0)
  await page.screenshot({ path: test.info().outputPath('data-room.png') })
})

test('a user browses the server’s folders to open a dataset', async ({ page, serve }) => {
  await makeFolderDataset(path.join(serve.dataRoot, 'projects', 'shapes'))
  await page.goto(serve.url)
  await page.getByTestId('browse').click()
  const browser = page.getByTestId('folder-browser')
  await browser.getByTestId('browser-entry').filter({ hasText: 'projects' }).click()
  await browser.getByTestId('browser-entry').filter({ hasText: 'shapes' }).click()
  await browser.getByTestId('browser-choose').click()
  await expect(page.getByTestId('class-row')).toHaveCount(3)
})

test('a user opens the built-in MNIST sample and scrolls through 70,000 images', async ({ page, serve }) => {
  await page.goto(serve.url)
  await page.getByTestId('open-mnist').click()
  await expect(page.getByTestId('class-row')).toHaveCount(10, { timeout: 60_000 })
  await expect(page.getByTestId('report-summary')).toContainText('70,000 images')
  await expect(page.getByTestId('grid-count')).toHaveText('70,000 images')
  // Virtualised: only the rows on screen exist in the page, however far the user scrolls.
  const rendered = await page.getByTestId('thumbnail').count()
  expect(rendered).toBeGreaterThan(20)
  expect(rendered).toBeLessThan(2000)
  await page.getByTestId('thumbnail-grid').evaluate((el) => (el.scrollTop = el.scrollHeight / 2))
  await expect(page.getByTestId('thumbnail').locator('canvas').first()).toBeVisible()
  await page.getByTestId('filter-split').selectOption('test')
  await expect(page.getByTestId('grid-count')).toHaveText('10,000 images')
  await page.screenshot({ path: test.info().outputPath('mnist.png') })
})

test('the page without the token is refused', async ({ page, serve }) => {
  const res = await page.goto(serve.origin + '/')
  expect(res?.status()).toBe(401)
})

test('when the engine process dies, the app says so, restarts it and keeps working', async ({
  page,
  serve
}) => {
  const { execFileSync } = await import('node:child_process')
  await page.goto(serve.url)
  await expect(page.getByTestId('engine-status')).toContainText('ready')
  const enginePid = Number(
    execFileSync('pgrep', ['-P', String(serve.process.pid)])
      .toString()
      .trim()
      .split('\n')[0]
  )
  process.kill(enginePid, 'SIGKILL')
  await expect(page.getByTestId('notice').first()).toContainText(/engine .*SIGKILL/i)
  await expect(page.getByTestId('engine-status')).toContainText('ready')
  await page.getByTestId('open-mnist').click()
  await expect(page.getByTestId('class-row')).toHaveCount(10, { timeout: 60_000 })
})
