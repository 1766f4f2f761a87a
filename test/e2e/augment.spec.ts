import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Locator } from '@playwright/test'
import { expect, test } from './serveFixture'
import { makeFolderDataset } from './makeImages'

/** The pixels a variant cell shows, as its canvas encodes them (the e2e project has no DOM types). */
type Canvas = { toDataURL(): string }
const canvasData = (cell: Locator): Promise<string> =>
  cell.locator('canvas').evaluate((c) => (c as unknown as Canvas).toDataURL())

test('a user builds an augmentation pipeline and watches the preview follow every change', async ({
  page,
  serve
}) => {
  await page.goto(serve.url)
  await page.getByTestId('nav-augment').click()
  await expect(page.getByTestId('room-augment')).toContainText('Data')
  await expect(page.getByTestId('preview-grid')).toHaveCount(0)

  const root = path.join(serve.dataRoot, 'shapes')
  await makeFolderDataset(root)
  await page.getByTestId('nav-data').click()
  await page.getByTestId('dataset-path').fill(root)
  await page.getByTestId('open-path').click()
  await expect(page.getByTestId('class-row')).toHaveCount(3)
  await page.getByTestId('nav-augment').click()

  // Eight images, each with its original and eight variants; with nothing switched on, all are unchanged.
  const originals = page.getByTestId('preview-original')
  const variants = page.getByTestId('preview-variant')
  await expect(originals).toHaveCount(8)
  await expect(variants).toHaveCount(64)
  await expect(variants.first()).toHaveAttribute('title', 'original')
  await expect(page.getByTestId('preview-status')).toContainText(/server \d+ ms · round trip \d+ ms/)
  const plain = await canvasData(variants.nth(1))

  await page.getByTestId('op-toggle-rotate').check()
  await page.getByTestId('op-rotate-min').fill('-40')
  await page.getByTestId('op-rotate-max').fill('40')
  await page.getByTestId('op-toggle-saltPepper').check()
  await page.getByTestId('op-saltPepper-amount').fill('0.1')
  await expect(variants.nth(1)).toHaveAttribute('title', /^rotate −?\d+(\.\d)?°, salt & pepper 0\.10$/)
  const rotated = await canvasData(variants.nth(1))
  expect(rotated).not.toBe(plain)

  // A narrower range redraws: every angle now lies within ±5°.
  await page.getByTestId('op-rotate-max').fill('5')
  await page.getByTestId('op-rotate-min').fill('-5')
  await page.getByTestId('op-rotate-min').press('Enter')
  await expect(variants.nth(1)).toHaveAttribute('title', /^rotate −?[0-5](\.\d)?°, salt & pepper 0\.10$/)
  expect(await canvasData(variants.nth(1))).not.toBe(rotated)

  // The keyboard on a slider is a drag, one step at a time.
  const before = await variants.nth(1).getAttribute('title')
  await page.getByTestId('op-rotate-max-slider').focus()
  for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight')
  await expect(page.getByTestId('op-rotate-max')).toHaveValue('25')
  await expect(variants.nth(1)).not.toHaveAttribute('title', before ?? '')

  // Re-rolling the seed draws again; hovering names what was drawn.
  const seed = await page.getByTestId('seed').inputValue()
  const titles = await variants.evaluateAll((cells) => cells.map((c) => c.getAttribute('title')))
  await page.getByTestId('reroll').click()
  await expect(page.getByTestId('seed')).not.toHaveValue(seed)
  await expect
    .poll(() => variants.evaluateAll((cells) => cells.map((c) => c.getAttribute('title'))))
    .not.toEqual(titles)
  await variants.nth(3).hover()
  await expect(page.getByTestId('preview-hover')).toContainText(
    (await variants.nth(3).getAttribute('title')) ?? 'missing title'
  )

  // A pinned image stays when the others are replaced.
  const pinnedTitle = await originals.nth(1).getAttribute('title')
  await originals.nth(1).click()
  await expect(originals.nth(1)).toHaveAttribute('aria-pressed', 'true')
  const others = await originals.evaluateAll((cells) => cells.map((c) => c.getAttribute('title')))
  await page.getByTestId('new-images').click()
  await expect
    .poll(() => originals.evaluateAll((cells) => cells.map((c) => c.getAttribute('title'))))
    .not.toEqual(others)
  expect((await originals.nth(1).getAttribute('title'))?.replace('unpin', 'pin')).toBe(
    pinnedTitle?.replace('unpin', 'pin')
  )

  // A preset replaces the pipeline.
  await page.getByTestId('preset-select').selectOption('lecture')
  await expect(page.getByTestId('op-toggle-flip')).toBeChecked()
  await expect(page.getByTestId('op-toggle-gaussianNoise')).not.toBeChecked()
  // 5–20 % of the pixels in all, as the lecture counts them: 2.5–10 % turned white and as many black.
  await expect(page.getByTestId('op-saltPepper-amount-min')).toHaveValue('0.025')

  // The pipeline goes out as augment.json and comes back in; a broken file is explained, not loaded.
  const download = page.waitForEvent('download')
  await page.getByTestId('export-augment').click()
  const file = await download
  expect(file.suggestedFilename()).toBe('augment.json')
  const exported = await readFile((await file.path()) ?? '', 'utf8')
  expect(JSON.parse(exported)).toMatchObject({
    ops: expect.arrayContaining([expect.objectContaining({ type: 'flip' })])
  })
  const importer = page.getByTestId('import-augment')
  await importer.setInputFiles({
    name: 'bad.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"ops": [{"type": "rotate", "degrees": [40, 10]}]}')
  })
  await expect(page.getByTestId('import-errors')).toContainText('bad.json: ops[0].degrees')
  await expect(page.getByTestId('op-toggle-flip')).toBeChecked()
  await page.getByTestId('preset-select').selectOption('none')
  await expect(page.getByTestId('op-toggle-flip')).not.toBeChecked()
  await importer.setInputFiles({
    name: 'augment.json',
    mimeType: 'application/json',
    buffer: Buffer.from(exported)
  })
  await expect(page.getByTestId('op-toggle-flip')).toBeChecked()
  await expect(page.getByTestId('op-saltPepper-amount-max')).toHaveValue('0.1')

  await variants.nth(3).hover()
  const timing = (await page.getByTestId('preview-status').textContent()) ?? ''
  test.info().annotations.push({ type: 'preview timing (8 × 8 of 32×32)', description: timing })
  console.log(`preview timing: ${timing}`)
  await page.screenshot({ path: test.info().outputPath('augment-room.png') })

  // A training batch is drawn with the Train room's seed and batch size, each image once, augmented.
  await page.getByTestId('nav-train').click()
  await page.getByTestId('setting-batchSize').fill('8')
  await page.getByTestId('setting-seed').fill('5')
  await page.getByTestId('nav-augment').click()
  await expect(page.getByTestId('training-batch-hint')).toContainText(
    'as training with seed 5 and batch size 8 sees it'
  )
  const items = page.getByTestId('training-batch-item')
  const itemTitles = () => items.evaluateAll((cells) => cells.map((c) => c.getAttribute('title')))
  await page.getByTestId('training-batch-epoch').fill('2')
  await page.getByTestId('training-batch-number').fill('1')
  await page.getByTestId('show-training-batch').click()
  await expect(page.getByTestId('training-batch-grid')).toBeVisible()
  await expect(page.getByTestId('preview-grid')).toHaveCount(0)
  await expect(items).toHaveCount(8)
  await expect(items.first()).toHaveAttribute('title', /^#1 in the batch: image #\d+ \(\w+\); .+/)
  await page.screenshot({ path: test.info().outputPath('training-batch.png') })

  // Another epoch visits the images in another order; the last batch holds what is left.
  const epochTwo = await itemTitles()
  await page.getByTestId('training-batch-epoch').fill('3')
  await page.getByTestId('training-batch-epoch').press('Enter')
  await expect.poll(itemTitles).not.toEqual(epochTwo)
  const batches = Number((await page.getByTestId('training-batch-count').textContent())?.replace(/\D/g, ''))
  expect(batches).toBeGreaterThan(1)
  await page.getByTestId('training-batch-number').fill(String(batches))
  await page.getByTestId('training-batch-number').press('Enter')
  await expect(page.getByTestId('training-batch-title')).toContainText(`batch ${batches} of ${batches}`)
  const last = await items.count()
  expect(last).toBeGreaterThanOrEqual(1)
  expect(last).toBeLessThanOrEqual(8)

  await page.getByTestId('back-to-preview').click()
  await expect(page.getByTestId('training-batch-grid')).toHaveCount(0)
  await expect(originals).toHaveCount(8)
})
