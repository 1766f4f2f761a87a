import path from 'node:path'
import { makeFolderDataset } from './makeImages'
import { expect, test } from './serveFixture'

test('a form says beside the field what is wrong with a value, and sends nothing invalid', async ({
  page,
  serve
}) => {
  const data = path.join(serve.dataRoot, 'shapes')
  await makeFolderDataset(data)
  await page.goto(serve.url)
  await page.getByTestId('dataset-path').fill(data)
  await page.getByText('Input format and split').click()

  // A size typed, then deleted again, means "from the data" as before anything was typed.
  const size = page.getByTestId('opt-size')
  await size.fill('40')
  await size.fill('')
  await page.getByTestId('open-path').click()
  await expect(page.getByTestId('class-row')).toHaveCount(3)
  await expect(page.getByTestId('dataset-error')).toHaveCount(0)
  await expect(page.getByTestId('report-summary')).toContainText('input 32×32')

  // Values the engine would refuse are refused here, in words, beside their fields.
  await size.fill('0')
  await expect(page.getByTestId('opt-size-error')).toHaveText('The size must be at least 1 pixel.')
  await size.fill('2.5')
  await expect(page.getByTestId('opt-size-error')).toHaveText('The size must be a whole number of pixels.')
  await page.getByTestId('opt-val').fill('30')
  await expect(page.getByTestId('opt-val-error')).toHaveText(
    'Training and validation together can be at most 100 %.'
  )
  await page.getByTestId('opt-train').fill('')
  await expect(page.getByTestId('opt-train-error')).toHaveText('Enter the training share in per cent.')
  await page.getByTestId('open-path').click()
  await expect(size).toBeFocused()
  await expect(page.getByTestId('dataset-error')).toHaveCount(0)
  await expect(page.getByTestId('report-summary')).toContainText('input 32×32')

  await size.fill('16')
  await page.getByTestId('opt-train').fill('60')
  await expect(page.getByTestId('opt-val-error')).toHaveCount(0)
  await page.getByTestId('open-path').click()
  await expect(page.getByTestId('report-summary')).toContainText('input 16×16')

  // The project dialog checks the name with the project file's own rule.
  await page.getByTestId('project-new').click()
  await page.getByTestId('project-folder').fill(path.join(serve.dataRoot, 'p'))
  await page.getByTestId('project-name-input').fill('x'.repeat(201))
  await expect(page.getByTestId('project-name-error')).toHaveText(
    'A project name has at most 200 characters.'
  )
  await expect(page.getByTestId('project-confirm')).toBeDisabled()
  await page.getByRole('button', { name: 'Cancel' }).click()

  // Predict checks a folder when it is chosen, and says in words why it cannot be used.
  await page.getByTestId('nav-export').click()
  await page.getByTestId('predict-model-folder').check()
  const dir = page.getByTestId('predict-model-dir')
  const dirError = page.getByTestId('predict-model-dir-error')
  await dir.fill(path.join(serve.dataRoot, 'gone'))
  await page.getByRole('button', { name: 'Use', exact: true }).click()
  await expect(dirError).toHaveText(
    `There is no folder ${path.join(serve.dataRoot, 'gone')}; type the path of a TF.js export folder.`
  )
  await dir.fill(data)
  await dir.press('Enter')
  await expect(dirError).toContainText('is not a TF.js export: it has no preprocessing.json')
  await expect(dirError).not.toContainText('ENOENT')
})
