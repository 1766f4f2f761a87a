import { execFile, spawnSync } from 'node:child_process'
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { makeFolderDataset } from './makeImages'
import { expect, test } from './serveFixture'

const execFileAsync = promisify(execFile)
const PYTHON = '/usr/bin/python3'

/** Why /usr/bin/python3 cannot train the project here, or null when it can. */
function torchMissing(): string | null {
  const probe = spawnSync(PYTHON, ['-c', 'import torch, numpy, PIL'], { encoding: 'utf8' })
  if (probe.error) return `${PYTHON} cannot be run`
  return probe.status === 0 ? null : `${PYTHON} has no torch, numpy or Pillow`
}

const missing = torchMissing()

test('a user exports a run as a PyTorch training project, trains it with python and imports it back', async ({
  page,
  serve
}) => {
  test.skip(missing !== null, `the PyTorch project cannot be trained here: ${missing}`)
  const data = path.join(serve.dataRoot, 'shapes')
  await makeFolderDataset(data)
  const cli = ['--import', 'tsx', 'src/main/cli/main.ts', 'train', '--data', data, '--template', 'tiny']
  await execFileAsync(process.execPath, [
    ...cli,
    '--epochs',
    '1',
    '--out',
    path.join(serve.dataRoot, '.runs', 'app-run')
  ])
  const project = path.join(serve.dataRoot, 'projects', 'shapes-cluster')

  await page.goto(serve.url)
  await page.getByTestId('nav-export').click()
  await page.getByTestId('export-format').getByText('Training project for PyTorch / a cluster').click()
  const summary = page.getByTestId('export-summary')
  for (const name of ['train.py', 'splits.json', 'augment.json', 'README.md'])
    await expect(summary).toContainText(name)
  await page.getByTestId('export-path').fill(project)
  await page.getByTestId('export-go').click()
  await expect(page.getByTestId('export-result')).toContainText('train.py')
  expect(await readdir(project)).toContain('splits.json')

  // Training happens elsewhere; here one CPU process stands in for the cluster.
  await execFileAsync(PYTHON, ['train.py', '--epochs', '1', '--workers', '0'], { cwd: project })

  await page.getByTestId('nav-train').click()
  await expect(page.getByTestId('run-row')).toHaveCount(1)
  await page.getByTestId('run-import-open').click()
  await page.getByTestId('run-import-path').fill(path.join(serve.dataRoot, 'shapes'))
  await page.getByTestId('run-import-submit').click()
  await expect(page.getByTestId('run-import-error')).toContainText('is not a run folder')
  await page.getByTestId('run-import-path').fill(project)
  await page.getByTestId('run-import-submit').click()
  await expect(page.getByTestId('run-import-done')).toContainText('pytorch')
  await expect(page.getByTestId('run-row')).toHaveCount(2)
  const imported = page.locator('[data-testid="run-row"][data-run*="torch"]')
  await expect(imported.getByTestId('run-status')).toContainText('completed')
  await expect(imported.getByTestId('run-overlay')).toBeChecked()
  await page.screenshot({ path: 'test-results/e2e/train-room-imported-pytorch-run.png', fullPage: true })
})
