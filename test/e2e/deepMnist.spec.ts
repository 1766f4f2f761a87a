import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { expect, test } from './serveFixture'

test('a user reproduces Deep MNIST in the app for a few hundred steps, measured over iterations', async ({
  page,
  serve
}) => {
  test.setTimeout(20 * 60_000)
  await page.goto(serve.url)
  await page.getByTestId('open-mnist').click()
  await expect(page.getByTestId('class-row')).toHaveCount(10, { timeout: 120_000 })

  await page.getByTestId('nav-train').click()
  await page.getByTestId('preset-deep-mnist').click()
  await expect(page.getByTestId('setting-length')).toHaveValue('steps')
  await expect(page.getByTestId('setting-steps')).toHaveValue('20000')
  await expect(page.getByTestId('setting-batchSize')).toHaveValue('32')
  await expect(page.getByTestId('setting-optimizer')).toHaveValue('adam')
  await expect(page.getByTestId('setting-learningRate')).toHaveValue('0.0001')
  await expect(page.getByTestId('setting-periodic')).toBeChecked()
  await expect(page.getByTestId('setting-evaluateEvery')).toHaveValue('1000')
  await expect(page.getByTestId('setting-evaluationImages')).toHaveValue('2048')

  // The lecture's cadence, shortened: 300 steps, accuracy every 100 on 256 train and 512 test images.
  await page.getByTestId('setting-steps').fill('300')
  await page.getByTestId('setting-evaluateEvery').fill('100')
  await page.getByTestId('setting-evaluationImages').fill('512')
  await expect(page.getByTestId('setting-evaluationTrainImages')).toHaveCount(0)
  await page.getByTestId('setting-separateTrainSample').check()
  await page.getByTestId('setting-evaluationTrainImages').fill('256')
  await expect(page.getByTestId('train-start')).toBeEnabled()
  await page.getByTestId('train-start').click()
  await expect(page.getByTestId('train-status')).toHaveText('Completed', { timeout: 18 * 60_000 })

  const accuracy = page.getByTestId('accuracy-chart')
  await expect(accuracy.locator('canvas')).toHaveAttribute(
    'aria-label',
    /^Accuracy by iteration: .*test sample/
  )
  const comparison = page.getByTestId('lecture-comparison')
  await expect(comparison.getByTestId('lecture-test-accuracy')).toHaveText('0.9915')
  await expect(comparison.getByTestId('run-test-accuracy')).toHaveText(/^0\.\d{4}$/)
  await expect(comparison).toContainText('300 of 300 steps trained')
  await page.screenshot({ path: test.info().outputPath('deep-mnist-300.png') })

  // What the run folder says: the settings, and the measurements at steps 100, 200 and 300 with dropout off.
  const runsDir = path.join(serve.dataRoot, '.runs')
  const [runId] = await readdir(runsDir)
  const run = JSON.parse(await readFile(path.join(runsDir, runId!, 'run.json'), 'utf8'))
  expect(run.settings).toMatchObject({
    steps: 300,
    batchSize: 32,
    learningRate: 0.0001,
    evaluation: { everySteps: 100, images: 512, trainImages: 256 }
  })
  expect(run.network.layers[0]).toMatchObject({
    kernelInitializer: { type: 'truncatedNormal', stddev: 0.1 },
    biasInitializer: { type: 'constant', value: 0.1 }
  })
  expect(run.step).toBe(300)
  const shown = await comparison.getByTestId('run-test-accuracy').textContent()
  expect(run.final.testAccuracy.toFixed(4)).toBe(shown)
  const lines = (await readFile(path.join(runsDir, runId!, 'metrics.jsonl'), 'utf8'))
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
  const evaluations = lines.filter((l) => l.kind === 'evaluation')
  expect(evaluations.map((l) => [l.step, l.trainImages, l.testImages])).toEqual([
    [100, 256, 512],
    [200, 256, 512],
    [300, 256, 512]
  ])
  // The chart holds those six measurement points (train and test sample) besides the batch curve.
  expect(Number(await accuracy.getAttribute('data-points'))).toBeGreaterThanOrEqual(6)
})
