import path from 'node:path'
import type { Page } from '@playwright/test'
import { makeFolderDataset } from './makeImages'
import { expect, test } from './serveFixture'
import { openFolder } from './userSteps'

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

test('reopening the open folder keeps every thumbnail on screen painted', async ({ page, serve }) => {
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
