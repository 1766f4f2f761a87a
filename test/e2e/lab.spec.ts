import sharp from 'sharp'
import path from 'node:path'
import { expect, test } from './serveFixture'

test('the Lab reproduces the first convolution of the lecture step by step, from the keyboard', async ({
  page,
  serve
}) => {
  await page.goto(serve.url)
  await expect(page.getByTestId('nav-lab')).toBeVisible()
  await page.keyboard.press('Alt+7')
  const room = page.getByTestId('room-lab')
  await expect(room).toBeVisible()
  await expect(page.getByTestId('lab-case')).toHaveValue('conv-valid')

  const stepper = page.getByTestId('step-through')
  await expect(page.getByTestId('lab-formula')).toHaveText(
    'W_out = (W_in − W_f + 2P)/S + 1 = (5 − 3 + 2·0)/1 + 1 = 3'
  )
  const input = page.getByTestId('lab-input')
  const output = page.getByTestId('lab-output')
  await expect(input.locator('.in-window')).toHaveCount(0)

  // One step: the window over the top-left 3×3, the element-wise products, their sum 3, the first output.
  await stepper.focus()
  await page.keyboard.press('ArrowRight')
  const windowed = input.locator('.cell')
  await expect(input.locator('.in-window')).toHaveCount(9)
  for (const i of [0, 1, 2, 5, 6, 7, 10, 11, 12]) await expect(windowed.nth(i)).toHaveClass(/in-window/)
  await expect(windowed.nth(3)).not.toHaveClass(/in-window/)
  await expect(page.getByTestId('step-products').locator('.cell')).toHaveText([
    '0',
    '0',
    '0',
    '0',
    '1',
    '0',
    '1',
    '0',
    '1'
  ])
  await expect(page.getByTestId('step-sum')).toHaveText('0 + 0 + 0 + 0 + 1 + 0 + 1 + 0 + 1 = 3')
  await expect(output.locator('.cell').first()).toHaveText('3')
  await expect(output.locator('.cell').nth(1)).toHaveText('')
  await expect(page.getByTestId('step-status')).toContainText('Step 1 of 9: output (1, 1)')

  // The next window moves one column right; back returns to the first.
  await page.keyboard.press('ArrowRight')
  await expect(windowed.nth(3)).toHaveClass(/in-window/)
  await expect(page.getByTestId('step-sum')).toHaveText(/= 2$/)
  await page.keyboard.press('ArrowLeft')
  await expect(page.getByTestId('step-sum')).toHaveText(/= 3$/)
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('ArrowRight')
  await page.screenshot({ path: test.info().outputPath('lab-room.png') })

  // Play runs to the end by itself.
  await page.getByTestId('step-play').click()
  await expect(page.getByTestId('step-status')).toContainText('Step 9 of 9', { timeout: 60_000 })
  await expect(output.locator('.cell')).toHaveText(['3', '2', '4', '2', '5', '0', '4', '1', '4'])

  // The lecture's other cases: P = 1 gives 5×5, stride 2 gives [[3,4],[4,4]], max pooling [[6,8],[9,6]].
  await page.getByTestId('lab-case').selectOption('conv-p1')
  await expect(output.locator('.cell')).toHaveCount(25)
  await page.getByTestId('lab-case').selectOption('conv-s2')
  await expect(page.getByTestId('lab-formula')).toContainText('(5 − 3 + 2·0)/2 + 1 = 2')
  await stepper.focus()
  await page.keyboard.press('End')
  await expect(output.locator('.cell')).toHaveText(['3', '4', '4', '4'])
  await page.getByTestId('lab-case').selectOption('max-pool')
  await expect(page.getByTestId('lab-formula')).toContainText('(4 − 2 + 2·0)/2 + 1 = 2')
  await page.getByTestId('step-all').click()
  await expect(output.locator('.cell')).toHaveText(['6', '8', '9', '6'])

  // A ragged matrix gets its sentence next to the field.
  await page.getByTestId('lab-input-text').fill('1 2 3\n4 5')
  await expect(room.getByRole('alert')).toHaveText(
    "The input's row 2 has 2 numbers but row 1 has 3 numbers; every row needs the same count."
  )
})

test('the Lab shows filter01 and filter02 on a picture with their shapes and ranges', async ({
  page,
  serve
}) => {
  // 80 rows × 60 columns, black with a white rectangle: every edge is a step from 0 to 1.
  const file = path.join(serve.dataRoot, 'rectangle.png')
  const pixels = Buffer.alloc(80 * 60)
  for (let y = 20; y < 60; y++) for (let x = 15; x < 45; x++) pixels[y * 60 + x] = 255
  await sharp(pixels, { raw: { width: 60, height: 80, channels: 1 } })
    .png()
    .toFile(file)

  await page.goto(serve.url)
  await page.getByTestId('nav-lab').click()
  await page.getByTestId('lab-tab-filters').click()
  // The built-in picture first, then the chosen file.
  await expect(page.getByTestId('filter-output-filter01')).toBeVisible()
  await page.getByTestId('lab-image-input').setInputFiles(file)
  await expect(page.getByTestId('lab-picture-name')).toHaveText('rectangle.png')
  await expect(page.getByTestId('filter-input')).toContainText('input 80×60, greyscale in [0, 1]')

  for (const name of ['filter01', 'filter02']) {
    const out = page.getByTestId(`filter-output-${name}`)
    // valid: (80 − 3 + 1) × (60 − 3 + 1); a step from 0 to 1 gives +1 outside the edge and −1 inside it.
    await expect(out.getByTestId('filter-shape')).toHaveText('78×58')
    await expect(out.getByTestId('filter-range')).toHaveText('min −1 · max 1 · sum 0')
  }
  // Drawn on the diverging scale: red (+1) just above the rectangle's top edge, white (0) far from it.
  const colourAt = (name: string, x: number, y: number) =>
    page.getByTestId(`filter-canvas-${name}`).evaluate(
      (el, [px, py]) => {
        // The page's canvas as the DOM has it (the test's own types know only Node's).
        const canvas = el as unknown as {
          getContext(kind: '2d'): {
            getImageData(x: number, y: number, w: number, h: number): { data: number[] }
          }
        }
        const data = canvas.getContext('2d').getImageData(px!, py!, 1, 1).data
        return [data[0], data[1], data[2]]
      },
      [x, y]
    )
  // Output (18, 29) is centred on picture row 19, column 30: 0 above, 0 itself, 1 below.
  await expect.poll(() => colourAt('filter01', 29, 18)).toEqual([178, 24, 43])
  await expect.poll(() => colourAt('filter01', 2, 2)).toEqual([247, 247, 247])
  await expect.poll(() => colourAt('filter02', 13, 40)).toEqual([178, 24, 43])
  await page.getByTestId('lab-filter-mode').selectOption('same')
  await expect(page.getByTestId('filter-output-filter01').getByTestId('filter-shape')).toHaveText('80×60')
  await page.screenshot({ path: test.info().outputPath('lab-filters.png') })

  // The pooling chain of the same picture: 40×30, 20×15, 10×8 (a partial window kept).
  await page.getByTestId('lab-tab-chain').click()
  await page.getByTestId('lab-chain-times').fill('3')
  await expect(page.getByTestId('chain-shape')).toHaveText(['80×60', '40×30', '20×15', '10×8'])
})
