import { execFile } from 'node:child_process'
import { readFile, readdir } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import type { Locator } from '@playwright/test'
import sharp from 'sharp'
import { makeFolderDataset, writeImage } from './makeImages'
import { expect, test } from './serveFixture'

const execFileAsync = promisify(execFile)

/** Trains a Tiny run with the CLI into the served runs folder; the folder name is the run id. */
async function trainTinyRun(dataRoot: string): Promise<string> {
  const data = path.join(dataRoot, 'shapes')
  await makeFolderDataset(data)
  const runId = 'cli-run'
  const cli = ['--import', 'tsx', 'src/main/cli/main.ts', 'train', '--data', data, '--template', 'tiny']
  await execFileAsync(process.execPath, [
    ...cli,
    '--epochs',
    '2',
    '--out',
    path.join(dataRoot, '.runs', runId)
  ])
  return runId
}

/** The percentages the bars of one card show, as numbers. */
async function barPercents(card: Locator): Promise<number[]> {
  const texts = await card.getByTestId('prediction-bar').allTextContents()
  return texts.map((t) => Number(/([\d.]+)%/.exec(t)?.[1]))
}

test('a user exports a trained run to TF.js and ONNX, then predicts two new images', async ({
  page,
  serve
}) => {
  const runId = await trainTinyRun(serve.dataRoot)
  const tfjsDir = path.join(serve.dataRoot, 'exports', 'shapes-tfjs')
  const onnxDir = path.join(serve.dataRoot, 'exports', 'shapes-onnx')

  await page.goto(serve.url)
  await page.getByTestId('nav-export').click()
  await expect(page.getByTestId('room-export')).toBeVisible()
  await expect(page.getByTestId('export-run-select')).toHaveValue(runId)

  // TF.js is the first choice; the dialog lists its files and sizes before anything is written.
  const summary = page.getByTestId('export-summary')
  for (const name of ['model.json', 'weights.bin', 'preprocessing.json'])
    await expect(summary).toContainText(name)
  await expect(summary).toContainText(/\d+(\.\d)? (B|KB)/)
  await page.getByTestId('export-path').fill(tfjsDir)
  await page.getByTestId('export-go').click()
  const result = page.getByTestId('export-result')
  await expect(result).toContainText('weights.bin')
  expect((await readdir(tfjsDir)).sort()).toEqual(['model.json', 'preprocessing.json', 'weights.bin'])
  const manifest = JSON.parse(await readFile(path.join(tfjsDir, 'preprocessing.json'), 'utf8')) as {
    classes: string[]
  }
  expect(manifest.classes).toEqual(['circle', 'square', 'triangle'])

  await page.getByTestId('export-format').getByText('ONNX', { exact: true }).click()
  await expect(summary).toContainText('model.onnx')
  await expect(summary).not.toContainText('weights.bin')
  await expect(result).toHaveCount(0)

  // The folder field still names the TF.js export: the app asks before an export replaces it.
  const question = page.getByTestId('export-replace')
  await page.getByTestId('export-go').click()
  await expect(question).toContainText('model.json, preprocessing.json, weights.bin')
  await expect(page.getByTestId('export-keep')).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(question).toHaveCount(0)
  expect((await readdir(tfjsDir)).sort()).toEqual(['model.json', 'preprocessing.json', 'weights.bin'])

  // A folder that is not an earlier export is refused with a sentence, even when replacing is agreed.
  await page.getByTestId('export-path').fill(path.join(serve.dataRoot, 'shapes'))
  await page.getByTestId('export-go').click()
  await page.getByTestId('export-replace-confirm').click()
  await expect(page.getByTestId('export-error')).toContainText('Nothing was exported')
  expect(await readdir(path.join(serve.dataRoot, 'shapes'))).toContain('circle')

  await page.getByTestId('export-path').fill(onnxDir)
  await page.getByTestId('export-go').click()
  await expect(result).toContainText('model.onnx')
  expect((await readdir(onnxDir)).sort()).toEqual(['model.onnx', 'preprocessing.json'])
  // Exporting there again replaces it once agreed.
  await page.getByTestId('export-go').click()
  await page.getByTestId('export-replace-confirm').click()
  await expect(result).toContainText('model.onnx')

  // Predict with the selected run: two cards, each with bars over all three classes adding up to 100%.
  const incoming = path.join(serve.dataRoot, 'incoming')
  await writeImage(path.join(incoming, 'greenish.png'), 48, 30)
  await writeImage(path.join(incoming, 'reddish.jpg'), 40, 200, 'jpeg')
  await expect(page.getByTestId('predict-model-run')).toBeChecked()
  await page
    .getByTestId('predict-input')
    .setInputFiles([path.join(incoming, 'greenish.png'), path.join(incoming, 'reddish.jpg')])
  const cards = page.getByTestId('prediction-card')
  await expect(cards).toHaveCount(2)
  for (const card of await cards.all()) {
    await expect(card.getByTestId('prediction-bar')).toHaveCount(3)
    const sum = (await barPercents(card)).reduce((a, b) => a + b, 0)
    expect(sum).toBeGreaterThan(99.5)
    expect(sum).toBeLessThan(100.5)
  }
  await expect(page.getByTestId('predict-preprocessing')).toContainText(/\d+×\d+/)
  const topFromRun = await cards.first().getByTestId('prediction-bar').first().textContent()

  await page.getByTestId('predict-topk').selectOption('1')
  await expect(cards.first().getByTestId('prediction-bar')).toHaveCount(1)
  await expect(cards.last().getByTestId('prediction-bar')).toHaveCount(1)

  // The exported TF.js folder predicts what the run predicts.
  await page.getByTestId('predict-model-folder').check()
  await expect(page.getByTestId('predict-model-dir')).toHaveValue(tfjsDir)
  await page.getByTestId('predict-model-dir').press('Enter')
  await expect(cards.first().getByTestId('prediction-bar')).toHaveText(topFromRun ?? '')
  await expect(page.getByTestId('predict-error')).toHaveCount(0)

  // A photo-sized image does not fit one message to the server whole: the browser scales it down first.
  const noise = Buffer.from(Array.from({ length: 900 * 900 * 3 }, () => Math.floor(Math.random() * 256)))
  const big = path.join(incoming, 'big-noise.png')
  await sharp(noise, { raw: { width: 900, height: 900, channels: 3 } })
    .png()
    .toFile(big)
  await page.getByTestId('predict-topk').selectOption('3')
  await page.getByTestId('predict-input').setInputFiles(big)
  await expect(cards).toHaveCount(3)
  await expect(cards.last().getByTestId('prediction-bar')).toHaveCount(3)
  await expect(cards.last()).toContainText('Sent scaled down')

  await page.screenshot({ path: test.info().outputPath('export-room.png') })
})
