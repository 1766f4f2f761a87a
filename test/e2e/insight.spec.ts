import { execFile } from 'node:child_process'
import { copyFile, mkdir } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { makeFolderDataset, writeImage } from './makeImages'
import { expect, test } from './serveFixture'

const execFileAsync = promisify(execFile)

/**
 * A shapes dataset in which squares and triangles are the same pictures (so no network can tell them
 * apart and there are mistakes to inspect), trained for two epochs with the CLI into the served runs folder.
 */
async function trainLookAlikeRun(dataRoot: string): Promise<string> {
  const data = path.join(dataRoot, 'shapes')
  await makeFolderDataset(data)
  for (const [c, name] of ['circle', 'square', 'triangle'].entries())
    for (let i = 0; i < 20; i++)
      await writeImage(path.join(data, name, `extra-${i}.png`), 32, 20 + 80 * Math.min(c, 1) + (i % 20))
  const cli = ['--import', 'tsx', 'src/main/cli/main.ts', 'train', '--data', data, '--template', 'tiny']
  await execFileAsync(process.execPath, [
    ...cli,
    '--epochs',
    '2',
    '--out',
    path.join(dataRoot, '.runs', 'shapes-run')
  ])
  return data
}

test('a user opens a misclassified image in the inspector: probabilities, maps of every layer, filters, Grad-CAM', async ({
  page,
  serve
}) => {
  const data = await trainLookAlikeRun(serve.dataRoot)
  await page.goto(serve.url)
  await page.getByTestId('dataset-path').fill(data)
  await page.getByTestId('open-path').click()
  await expect(page.getByTestId('class-row')).toHaveCount(3)

  await page.getByTestId('nav-evaluate').click()
  await expect(page.getByTestId('test-accuracy')).toHaveText(/\d+\.\d%/, { timeout: 60_000 })
  const mistake = page.getByTestId('misclassified-item').first()
  await expect(mistake.locator('canvas')).toBeVisible()
  const opener = mistake.getByTestId('inspect-image')
  await opener.click()

  const inspector = page.getByTestId('image-inspector')
  await expect(inspector).toBeVisible()
  // The detail: its file, its true class, and all three classes' probabilities, adding up to 100 %.
  await expect(inspector.getByTestId('inspector-path')).toHaveText(/^(circle|square|triangle)\/.+\.png$/)
  await expect(inspector.getByTestId('inspector-true-class')).toHaveText(/circle|square|triangle/)
  const bars = inspector.getByTestId('inspector-probability')
  await expect(bars).toHaveCount(3)
  const sum = (
    await bars.evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-probability'))))
  ).reduce((a, b) => a + b, 0)
  expect(sum).toBeCloseTo(1, 4)

  // Maps for every layer of the Tiny network: conv (8 maps of 32×32), pooling (8 of 16×16), flatten, dense.
  const layers = inspector.getByTestId('feature-layer')
  await expect(layers).toHaveCount(4)
  await expect(layers.nth(0).getByTestId('feature-map')).toHaveCount(8)
  await expect(layers.nth(1).getByTestId('feature-map')).toHaveCount(8)
  await expect(layers.nth(2)).toContainText('laid out in one row of 2048 values')
  await expect(layers.nth(3).getByTestId('vector-strip')).toBeVisible()
  await expect(layers.nth(0)).toContainText('32×32×8')
  await page.screenshot({ path: test.info().outputPath('insight-maps.png') })

  // Enlarge one map and read a value under the pointer.
  await layers.nth(0).getByTestId('feature-map').nth(2).click()
  const enlarged = inspector.getByTestId('enlarged-map')
  await expect(enlarged).toBeVisible()
  await enlarged.locator('canvas').hover({ position: { x: 100, y: 100 } })
  await expect(inspector.getByTestId('enlarged-value')).toHaveText(/row \d+, column \d+: -?\d/)
  await inspector.getByTestId('enlarged-close').click()

  // The filters of layer 0: eight 3×3 kernels of an RGB input, in colour, with the shared scale's legend.
  await inspector.getByTestId('inspector-tab-filters').click()
  const grid = inspector.getByTestId('filter-grid')
  await expect(grid).toHaveAttribute('data-layer', '0')
  await expect(grid.getByTestId('filter')).toHaveCount(8)
  await expect(inspector.getByTestId('filter-legend')).toBeVisible()
  await inspector.getByTestId('filters-channel').selectOption('1')
  await expect(grid.getByTestId('filter')).toHaveCount(8)

  // The tabs answer the arrow keys; the Saliency tab shows Grad-CAM at the last conv layer over the image.
  await inspector.getByTestId('inspector-tab-filters').press('ArrowRight')
  await expect(inspector.getByTestId('inspector-tab-saliency')).toHaveAttribute('aria-selected', 'true')
  const overlay = inspector.getByTestId('saliency-overlay')
  await expect(overlay).toHaveAttribute('data-method', 'gradcam')
  await expect(overlay).toHaveAttribute('data-layer', '0')
  await expect(overlay.locator('canvas')).toBeVisible()
  await expect(inspector.getByTestId('saliency-raw')).toContainText('32×32')
  await inspector.getByTestId('saliency-opacity').fill('0.8')
  await page.screenshot({ path: test.info().outputPath('insight-saliency.png') })
  await inspector.getByTestId('saliency-layer').selectOption('1')
  await expect(overlay).toHaveAttribute('data-layer', '1')
  await expect(inspector.getByTestId('saliency-raw')).toContainText('16×16')
  await inspector.getByTestId('saliency-gradient').check()
  await expect(overlay).toHaveAttribute('data-method', 'gradient')

  // Escape closes it and gives the focus back to the image it was opened from.
  await page.keyboard.press('Escape')
  await expect(inspector).toHaveCount(0)
  await expect(opener).toBeFocused()

  // What the network confuses: the Grad-CAMs of a confusion cell's images, side by side.
  const cells = page.getByTestId('confusion-cell')
  const counts = await cells.evaluateAll((els) =>
    els.map((el) => ({
      count: Number(el.getAttribute('data-count')),
      off: el.dataset.true !== el.dataset.pred
    }))
  )
  const offDiagonal = counts.findIndex((c) => c.off && c.count > 0)
  await cells.nth(offDiagonal).click()
  await page.getByTestId('confusion-cams-show').click()
  const cams = page.getByTestId('confusion-cam')
  await expect(cams).toHaveCount(Math.min(24, counts[offDiagonal]!.count))
  await expect(cams.first().locator('canvas')).toBeVisible()
  await cams.first().click()
  await expect(inspector).toBeVisible()
  await expect(inspector.getByTestId('feature-layer')).toHaveCount(4)
  await page.keyboard.press('Escape')

  // A prediction of a dropped file opens the same view, with no true class to show.
  await page.getByTestId('nav-export').click()
  const incoming = path.join(serve.dataRoot, 'incoming', 'new.png')
  await writeImage(incoming, 48, 200)
  await page.getByTestId('predict-input').setInputFiles(incoming)
  const card = page.getByTestId('prediction-card')
  await expect(card.getByTestId('prediction-bar').first()).toBeVisible()
  await card.getByTestId('prediction-inspect').click()
  await expect(inspector.getByTestId('inspector-true-class')).toHaveText('not known')
  await expect(inspector.getByTestId('inspector-probability')).toHaveCount(3)
  await expect(inspector.getByTestId('feature-layer')).toHaveCount(4)
  await page.keyboard.press('Escape')
})

// eslint-disable-next-line no-empty-pattern -- Playwright hooks take their fixtures as a destructured object
test.afterEach(async ({}, info) => {
  // The README's picture of the inspector comes from this run.
  if (info.status !== 'passed' || !process.env.UPDATE_SCREENSHOTS) return
  await mkdir('resources/screenshots', { recursive: true })
  await copyFile(info.outputPath('insight-saliency.png'), 'resources/screenshots/insight-saliency.png')
  await copyFile(info.outputPath('insight-maps.png'), 'resources/screenshots/insight-maps.png')
})
