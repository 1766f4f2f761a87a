import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { test, type Page } from '@playwright/test'
import { makeFolderDataset, writeImage } from './makeImages'
import { expect, startServe, type ServeInstance } from './serveFixture'
import { openFolder } from './userSteps'

// One server for this file's tests: each opens its own folder, and nothing else is kept between them.
let serve: ServeInstance
test.beforeAll(async () => {
  serve = await startServe(await mkdtemp(path.join(os.tmpdir(), 'cnn-e2e-data-')))
})
test.afterAll(async () => {
  serve.process.kill('SIGTERM')
  await new Promise((r) => serve.process.once('exit', r))
  await rm(serve.dataRoot, { recursive: true, force: true })
})

/** How many thumbnails on screen show a painted image (a blank one is all zeros). */
function paintedThumbnails(page: Page): Promise<number> {
  return page.getByTestId('thumbnail').evaluateAll(
    (buttons) =>
      buttons.filter((b) => {
        const canvas = b.querySelector('canvas')
        const data = canvas?.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data
        return (
          data !== undefined && Array.from(data as ArrayLike<number>).some((v, i) => i % 4 !== 3 && v > 0)
        )
      }).length
  )
}

test('reopening the open folder keeps every thumbnail on screen painted', async ({ page }) => {
  const data = path.join(serve.dataRoot, 'shapes')
  await makeFolderDataset(data)
  await page.goto(serve.url)
  await openFolder(page, data, 3)
  await expect.poll(() => paintedThumbnails(page)).toBe(27)

  await page.getByTestId('open-path').click()
  await expect(page.getByTestId('report-summary')).toContainText('from cache')
  await expect.poll(() => paintedThumbnails(page)).toBe(27)

  // Another input size (from the cache of another format): the canvases resize and are painted again.
  await page.getByText('Input format and split').click()
  await page.getByTestId('opt-size').fill('12')
  await page.getByTestId('open-path').click()
  await expect(page.getByTestId('report-summary')).toContainText('input 12×12')
  await expect.poll(() => paintedThumbnails(page)).toBe(27)
})

test('the original sizes account for every image, listed or counted', async ({ page }) => {
  const data = path.join(serve.dataRoot, 'many-sizes')
  for (let k = 0; k < 10; k++)
    for (let i = 0; i < 2 + k; i++)
      await writeImage(path.join(data, k % 2 ? 'a' : 'b', `${k}-${i}.png`), 12 + k * 4, k * 20)
  await writeImage(path.join(data, 'a', 'banner.png'), 8, 99)
  await page.goto(serve.url)
  await openFolder(page, data, 2)
  await expect(page.getByTestId('import-report').locator('.sizes li')).toHaveCount(10)
  await expect(page.getByTestId('more-sizes')).toHaveText('+1 more size (1 image)')
})

test('the Augment room keeps its hover line in view, and a count of one reads "1 image"', async ({
  page
}) => {
  const data = path.join(serve.dataRoot, 'one-odd')
  // Ten classes, so the preview shows ten rows (one image of each class), as with MNIST.
  for (let c = 0; c < 9; c++)
    for (let i = 0; i < 2; i++)
      await writeImage(path.join(data, `class-${c}`, `${i}.png`), 24, 10 + c * 25 + i)
  await writeImage(path.join(data, 'single', 's.png'), 24, 250)
  await page.goto(serve.url)
  await openFolder(page, data, 10)

  await page.getByTestId('nav-augment').click()
  await page.getByTestId('preview-variant').first().hover()
  const line = page.getByTestId('preview-hover')
  await expect(line).toContainText('epoch')
  const box = await line.boundingBox()
  expect(box!.y + box!.height).toBeLessThanOrEqual(page.viewportSize()!.height)

  await page.getByTestId('nav-data').click()
  await page.getByTestId('filter-class').selectOption({ label: 'single' })
  await expect(page.getByTestId('grid-count')).toHaveText('1 image')
})
