import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { test as base, type Locator } from '@playwright/test'
import { makeFolderDataset, writeImage } from './makeImages'
import { expect, startServe, type ServeInstance } from './serveFixture'

/** Serve mode with its own runs folder, so the run list holds only this test's runs. */
const test = base.extend<{ serve: ServeInstance }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as a destructured object
  serve: async ({}, use) => {
    const dataRoot = await mkdtemp(path.join(os.tmpdir(), 'cnn-e2e-train-'))
    const instance = await startServe(dataRoot, ['--runs-dir', path.join(dataRoot, 'runs')])
    await use(instance)
    instance.process.kill('SIGTERM')
    await new Promise((r) => instance.process.once('exit', r))
    await rm(dataRoot, { recursive: true, force: true })
  }
})

const points = async (chart: Locator): Promise<number> => Number(await chart.getAttribute('data-points'))

test('a user trains the Tiny network, pauses and resumes it, then reads its evaluation', async ({
  page,
  serve
}) => {
  const root = path.join(serve.dataRoot, 'shapes')
  await makeFolderDataset(root)
  // More images per class, so two epochs take long enough to pause in the middle. The extra squares
  // and triangles are the same pictures: no network can tell them apart, so there are mistakes to show.
  for (const [c, name] of ['circle', 'square', 'triangle'].entries())
    for (let i = 0; i < 60; i++)
      await writeImage(path.join(root, name, `extra-${i}.png`), 32, 20 + 80 * Math.min(c, 1) + (i % 20))

  await page.goto(serve.url)
  await page.getByTestId('dataset-path').fill(root)
  await page.getByTestId('open-path').click()
  await expect(page.getByTestId('class-row')).toHaveCount(3)

  // Before the network fits the dataset, the Train room says what is missing and Start stays off.
  await page.getByTestId('nav-train').click()
  await expect(page.getByTestId('room-train')).toBeVisible()
  await expect(page.getByTestId('train-blockers')).toContainText('Network room')
  await expect(page.getByTestId('train-start')).toBeDisabled()
  await expect(page.getByTestId('backend-line')).toContainText('Computing on')

  await page.getByTestId('nav-network').click()
  await page.getByTestId('template-select').selectOption({ label: 'Tiny (quick experiments)' })
  await expect(page.getByTestId('layer-block')).toHaveCount(4)

  await page.getByTestId('nav-train').click()
  const epochs = page.getByTestId('setting-epochs')
  await epochs.fill('0')
  await expect(page.getByTestId('setting-error')).toContainText('Epochs must be at least 1')
  await expect(page.getByTestId('train-start')).toBeDisabled()
  await epochs.fill('2')
  await page.getByTestId('setting-batchSize').fill('1')
  await expect(page.getByTestId('setting-error')).toHaveCount(0)
  await expect(page.getByTestId('train-start')).toBeEnabled()

  const status = page.getByTestId('train-status')
  const lossChart = page.getByTestId('loss-chart')
  await page.getByTestId('train-start').click()
  await expect(page.getByTestId('train-pause')).toBeEnabled()
  await page.getByTestId('train-pause').click()
  await expect(status).toHaveText('Paused')
  const whilePaused = await points(lossChart)
  await expect(page.getByTestId('progress-label')).toHaveText(/of epoch [12]\/2/)

  // Resume from the keyboard: the buttons are reachable with Tab.
  await page.getByTestId('train-resume').focus()
  await page.keyboard.press('Enter')
  await expect(status).toHaveText(/Training|Completed/)
  await expect(status).toHaveText('Completed', { timeout: 120_000 })
  await expect.poll(() => points(lossChart)).toBeGreaterThan(whilePaused)
  // Two epochs: at least the two training and two validation points per chart, and batch points before them.
  expect(await points(lossChart)).toBeGreaterThanOrEqual(5)
  expect(await points(page.getByTestId('accuracy-chart'))).toBe(await points(lossChart))
  await expect(page.getByTestId('run-row')).toHaveCount(1)
  await expect(page.getByTestId('run-status')).toContainText('completed')
  await expect(page.getByTestId('run-accuracy')).toContainText('%')
  await expect(page.getByTestId('backend-line')).toContainText('This run')
  await page.screenshot({ path: test.info().outputPath('train-room.png') })

  await page.getByTestId('nav-evaluate').click()
  await expect(page.getByTestId('room-evaluate')).toBeVisible()
  await expect(page.getByTestId('test-accuracy')).toHaveText(/\d+\.\d%/, { timeout: 60_000 })
  const cells = page.getByTestId('confusion-cell')
  await expect(cells).toHaveCount(9)
  await expect(page.getByTestId('class-metrics-row')).toHaveCount(3)
  await expect(page.getByTestId('dataset-mismatch')).toHaveCount(0)

  // The fullest cell: its images appear, as many as it counts, each with its confidence.
  const counts = await cells.evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-count'))))
  const fullest = counts.indexOf(Math.max(...counts))
  const cell = cells.nth(fullest)
  await cell.click()
  const shown = page.getByTestId('cell-images').getByTestId('cell-image')
  await expect(shown).toHaveCount(Math.min(60, counts[fullest]!))
  await expect(shown.first().locator('canvas')).toBeVisible()
  await expect(shown.first()).toContainText('%')

  await page.getByTestId('normalise-rows').check()
  await expect(cell).toHaveText(/%$/)

  // The mistakes between the look-alike classes, most confident first, then reversed.
  const mistakes = page.getByTestId('misclassified-item')
  await expect(mistakes.first()).toBeVisible()
  expect(await mistakes.count()).toBeGreaterThan(1)
  await expect(mistakes.first()).toContainText('→')
  const order = async () =>
    mistakes.evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-confidence'))))
  const descending = await order()
  expect(descending).toEqual([...descending].sort((a, b) => b - a))
  await page.getByTestId('sort-confidence').click()
  const ascending = await order()
  expect(ascending).toEqual([...descending].reverse())
  await page.screenshot({ path: test.info().outputPath('evaluate-room.png'), fullPage: true })

  // A second, longer run: stopped after its first epoch, then continued from its checkpoint.
  await page.getByTestId('nav-train').click()
  await epochs.fill('6')
  await page.getByTestId('train-start').click()
  // Stop once the first epoch (and its checkpoint) is done, whichever label the fast epochs leave on screen.
  await expect(page.getByTestId('progress-label')).toHaveText(/end of epoch [1-5]\/6|epoch [2-5]\/6/, {
    timeout: 60_000
  })
  await page.getByTestId('train-stop').click()
  await expect(status).toHaveText('Stopped', { timeout: 60_000 })
  const stoppedRow = page.getByTestId('run-row').first()
  await expect(page.getByTestId('run-row')).toHaveCount(2)
  await expect(stoppedRow.getByTestId('run-status')).toContainText('stopped')
  await stoppedRow.getByTestId('run-continue').click()
  await expect(status).toHaveText('Completed', { timeout: 120_000 })
  await expect(stoppedRow.getByTestId('run-status')).toContainText('6/6 epochs')

  // Tick the first run (the box is labelled "overlay"): its batch, training and validation curves join
  // the charts: two epochs' points of each, and its batch curve.
  const before = await points(lossChart)
  const overlayBox = page
    .getByTestId('run-row')
    .nth(1)
    .getByRole('checkbox', { name: /Overlay run/ })
  await expect(page.getByTestId('run-row').nth(1).getByText('overlay', { exact: true })).toBeVisible()
  await overlayBox.check()
  await expect.poll(() => points(lossChart)).toBeGreaterThan(before + 4)
  await expect(lossChart.getByTestId('chart-canvas')).toHaveAttribute(
    'aria-label',
    /\w{4} batches, \w{4} train, \w{4} val/
  )
  await page.screenshot({ path: test.info().outputPath('train-room-overlay.png') })
})
