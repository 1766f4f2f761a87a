import { readdir } from 'node:fs/promises'
import path from 'node:path'
import type { Locator } from '@playwright/test'
import { makeFolderDataset, writeImage } from './makeImages'
import { expect, startServe, test } from './serveFixture'

const points = async (chart: Locator): Promise<number> => Number(await chart.getAttribute('data-points'))

test('the whole loop: project, data, network, training, export, predict, evaluate the export, train it further, reopen', async ({
  page,
  serve
}) => {
  test.setTimeout(300_000)
  const data = path.join(serve.dataRoot, 'shapes')
  await makeFolderDataset(data)
  const projectDir = path.join(serve.dataRoot, 'projects', 'loop')
  const tfjsDir = path.join(serve.dataRoot, 'exports', 'loop-tfjs')
  const onnxDir = path.join(serve.dataRoot, 'exports', 'loop-onnx')

  // A new project, a dataset, the Tiny template.
  await page.goto(serve.url)
  await page.getByTestId('project-new').click()
  await page.getByTestId('project-folder').fill(projectDir)
  await page.getByTestId('project-name-input').fill('Loop')
  await page.getByTestId('project-confirm').click()
  await expect(page.getByTestId('project-name')).toHaveText('Loop')
  await page.getByTestId('dataset-path').fill(data)
  await page.getByTestId('open-path').click()
  await expect(page.getByTestId('class-row')).toHaveCount(3)
  await page.getByTestId('nav-network').click()
  await page.getByTestId('template-select').selectOption({ label: 'Tiny (quick experiments)' })
  await expect(page.getByTestId('layer-block')).toHaveCount(4)

  // Two epochs of training.
  await page.getByTestId('nav-train').click()
  await page.getByTestId('setting-epochs').fill('2')
  await expect(page.getByTestId('train-start')).toBeEnabled()
  await page.getByTestId('train-start').click()
  const status = page.getByTestId('train-status')
  await expect(status).toHaveText('Completed', { timeout: 120_000 })
  await expect(page.getByTestId('run-row')).toHaveCount(1)
  expect(await readdir(path.join(projectDir, 'runs'))).toHaveLength(1)

  // Export to TF.js and ONNX; the files land on disk.
  await page.getByTestId('nav-export').click()
  const result = page.getByTestId('export-result')
  await page.getByTestId('export-path').fill(tfjsDir)
  await page.getByTestId('export-go').click()
  await expect(result).toContainText('weights.bin')
  expect((await readdir(tfjsDir)).sort()).toEqual(['model.json', 'preprocessing.json', 'weights.bin'])
  await page.getByTestId('export-format').getByText('ONNX', { exact: true }).click()
  await page.getByTestId('export-path').fill(onnxDir)
  await page.getByTestId('export-go').click()
  await expect(result).toContainText('model.onnx')
  expect((await readdir(onnxDir)).sort()).toEqual(['model.onnx', 'preprocessing.json'])

  // Predict two new images with the exported TF.js folder.
  const incoming = path.join(serve.dataRoot, 'incoming')
  await writeImage(path.join(incoming, 'greenish.png'), 48, 30)
  await writeImage(path.join(incoming, 'reddish.jpg'), 40, 200, 'jpeg')
  await page.getByTestId('predict-model-folder').check()
  await expect(page.getByTestId('predict-model-dir')).toHaveValue(tfjsDir)
  await page.getByTestId('predict-model-dir').press('Enter')
  await page
    .getByTestId('predict-input')
    .setInputFiles([path.join(incoming, 'greenish.png'), path.join(incoming, 'reddish.jpg')])
  const cards = page.getByTestId('prediction-card')
  await expect(cards).toHaveCount(2)
  for (const card of await cards.all()) await expect(card.getByTestId('prediction-bar')).toHaveCount(3)
  await expect(page.getByTestId('predict-error')).toHaveCount(0)

  // The export, loaded from disk, evaluated on the open dataset: figures and a 3×3 confusion matrix.
  await page.getByTestId('exported-evaluate').click()
  const evaluation = page.getByTestId('exported-evaluation')
  await expect(evaluation).toBeVisible()
  await expect(page.getByTestId('exported-accuracy')).toHaveText(/Accuracy \d+(\.\d)?%/)
  await expect(page.getByTestId('exported-loss')).toHaveText(/loss \d+\.\d{4}/)
  await expect(evaluation.getByRole('region', { name: 'Confusion matrix' })).toContainText('circle')
  await page.screenshot({ path: test.info().outputPath('export-evaluated.png'), fullPage: true })

  // …and trained further: a second run starts from its weights.
  await page.getByTestId('exported-train-further').click()
  await expect(page.getByTestId('exported-further-note')).toContainText('Training further started')
  await page.getByTestId('nav-train').click()
  await expect(status).toHaveText('Completed', { timeout: 120_000 })
  await expect(page.getByTestId('run-row')).toHaveCount(2)
  expect(await readdir(path.join(projectDir, 'runs'))).toHaveLength(2)

  // A reload, then a new server that holds nothing: the project comes back from the Recent menu.
  await page.reload()
  await expect(page.getByTestId('project-name')).toHaveText('Loop')
  const tomorrow = await startServe(serve.dataRoot)
  try {
    await page.goto(tomorrow.url)
    await expect(page.getByTestId('project-name')).toHaveText('Unsaved session')
    await page.getByTestId('project-recent').click()
    await page.getByTestId('recent-project').filter({ hasText: 'Loop' }).click()
    await expect(page.getByTestId('project-name')).toHaveText('Loop')
    await page.getByTestId('nav-train').click()
    const rows = page.getByTestId('run-row')
    await expect(rows).toHaveCount(2)
    const lossChart = page.getByTestId('loss-chart')
    for (const row of await rows.all()) await row.getByTestId('run-overlay').check()
    await expect.poll(() => points(lossChart)).toBeGreaterThan(0)
    await page.screenshot({ path: test.info().outputPath('whole-loop.png') })
  } finally {
    tomorrow.process.kill('SIGTERM')
    await new Promise((r) => tomorrow.process.once('exit', r))
  }
})
