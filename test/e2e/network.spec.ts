import { readFile } from 'node:fs/promises'
import type { Locator, Page } from '@playwright/test'
import { expect, test } from './serveFixture'

/** A drag as a hand does it: press, move in small steps (the list reacts to each), release. */
async function dragBetween(page: Page, from: Locator, to: Locator): Promise<void> {
  const a = await from.boundingBox()
  const b = await to.boundingBox()
  if (!a || !b) throw new Error('drag source or target is not on screen')
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2)
  await page.mouse.down()
  await page.mouse.move(a.x + a.width / 2 + 10, a.y + a.height / 2, { steps: 5 })
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 3, { steps: 20 })
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 4, { steps: 5 })
  await page.mouse.up()
}

test('a user designs a CNN in the Network room: template, shapes, an error and its undo, edits', async ({
  page,
  serve
}) => {
  await page.goto(serve.url)
  await page.getByTestId('nav-network').click()
  const room = page.getByTestId('room-network')
  await expect(room).toBeVisible()

  await page.getByTestId('template-select').selectOption({ label: 'Lecture: Deep MNIST' })
  const blocks = page.getByTestId('layer-block')
  await expect(blocks).toHaveCount(8)
  await expect(blocks.nth(4)).toHaveAttribute('data-kind', 'flatten')
  await expect(blocks.nth(3).getByTestId('layer-shape')).toHaveText('7×7×64')
  await expect(blocks.nth(0).getByTestId('layer-params')).toHaveText('832')
  await expect(page.getByTestId('total-params')).toHaveText('3,274,634')

  // Conv 2 sees 14×14×32; with 'valid' padding a kernel wider than 14 no longer fits.
  const conv2 = blocks.nth(2)
  await conv2.click()
  const inspector = page.getByTestId('inspector')
  await expect(inspector).toContainText('Layer 2')
  await inspector.getByTestId('field-padding').selectOption('valid')
  await expect(conv2.getByTestId('layer-shape')).toHaveText('10×10×64')
  const kernelH = inspector.getByTestId('field-kernelSize-h')
  const kernelW = inspector.getByTestId('field-kernelSize-w')
  for (const size of [9, 12, 15]) {
    await kernelH.fill(String(size))
    await kernelH.press('Enter')
    await kernelW.fill(String(size))
    await kernelW.press('Enter')
    if (size === 9) {
      await expect(conv2.getByTestId('layer-shape')).toHaveText('6×6×64')
      await expect(inspector.getByTestId('formula')).toContainText('H_out = (14 − 9 + 2·0)/1 + 1 = 6')
    }
  }
  const error = conv2.getByTestId('layer-error')
  await expect(error).toHaveText(/kernel 15×15 is larger than its 14×14 input/)
  await expect(conv2).toHaveClass(/error/)
  await expect(blocks.nth(3).getByTestId('layer-shape')).toHaveText('?')
  await expect(page.getByTestId('totals-partial')).toContainText('Counted up to layer 1')
  await page.screenshot({ path: test.info().outputPath('network-room-error.png') })

  // Undo from the keyboard once, then with the button until the layer is valid again.
  await page.keyboard.press('Control+z')
  await expect(kernelW).toHaveValue('12')
  for (let i = 0; i < 5 && (await page.getByTestId('layer-error').count()) > 0; i++) {
    await page.getByTestId('undo').click()
  }
  await expect(page.getByTestId('layer-error')).toHaveCount(0)
  await expect(kernelH).toHaveValue('12')
  await expect(conv2.getByTestId('layer-shape')).toHaveText('3×3×64')
  await page.getByTestId('redo').click()
  await expect(error).toHaveCount(1)
  await page.getByTestId('undo').click()
  await expect(error).toHaveCount(0)

  // Add a batch-norm after the first pool, move it up with Alt+↑, duplicate it and delete both.
  await page.getByTestId('template-select').selectOption({ label: 'Lecture: Deep MNIST' })
  await blocks.nth(1).click()
  await page.getByTestId('palette-batchNorm').click()
  await expect(blocks).toHaveCount(9)
  await expect(blocks.nth(2)).toHaveAttribute('data-kind', 'batchNorm')
  await expect(blocks.nth(2).getByTestId('layer-params')).toHaveText('128')
  await expect(page.getByTestId('total-params')).toHaveText('3,274,762')
  await page.keyboard.press('Alt+ArrowUp')
  await expect(blocks.nth(1)).toHaveAttribute('data-kind', 'batchNorm')
  await expect(blocks.nth(1).getByTestId('layer-shape')).toHaveText('28×28×32')
  await page.getByTestId('duplicate-layer').click()
  await expect(blocks).toHaveCount(10)
  await expect(blocks.nth(2)).toHaveAttribute('data-kind', 'batchNorm')
  await page.keyboard.press('Delete')
  await expect(blocks).toHaveCount(9)
  await blocks.nth(1).click()
  await page.getByTestId('delete-layer').click()
  await expect(blocks).toHaveCount(8)
  await expect(page.getByTestId('total-params')).toHaveText('3,274,634')

  // Drag a dropout from the palette between the two dense layers.
  await dragBetween(page, page.getByTestId('palette-dropout'), blocks.nth(6))
  await expect(blocks).toHaveCount(9)
  const kinds = await blocks.evaluateAll((els) => els.map((el) => el.getAttribute('data-kind')))
  expect(kinds).toEqual([
    'conv2d',
    'maxPool2d',
    'conv2d',
    'maxPool2d',
    'flatten',
    'dense',
    'dropout',
    'dropout',
    'dense'
  ])
  await expect(page.getByTestId('total-params')).toHaveText('3,274,634')

  // Export the design, load a broken file (its errors are listed), then load the exported one back.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-spec').click()
  ])
  expect(download.suggestedFilename()).toBe('network.json')
  const exported = await readFile((await download.path())!, 'utf8')
  expect(JSON.parse(exported).layers).toHaveLength(9)
  const broken = exported.replace('"filters": 64', '"filters": -4')
  await page
    .getByTestId('import-spec')
    .setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(broken) })
  await expect(page.getByTestId('import-errors')).toContainText(
    'layers[2].filters: must be a positive whole number'
  )
  await page.getByTestId('template-select').selectOption({ label: 'Tiny (quick experiments)' })
  await expect(blocks).toHaveCount(4)
  await page
    .getByTestId('import-spec')
    .setInputFiles({ name: 'network.json', mimeType: 'application/json', buffer: Buffer.from(exported) })
  await expect(blocks).toHaveCount(9)
  await expect(page.getByTestId('import-errors')).toHaveCount(0)
  await expect(page.getByTestId('total-params')).toHaveText('3,274,634')

  await blocks.nth(2).click()
  await expect(inspector.getByTestId('formula')).toContainText('W_out = (14 − 5 + 2·2)/1 + 1 = 14')
  await page.screenshot({ path: test.info().outputPath('network-room.png') })
})
