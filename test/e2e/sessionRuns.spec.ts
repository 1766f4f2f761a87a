import { mkdtempSync } from 'node:fs'
import { readdir, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Page } from '@playwright/test'
import { makeFolderDataset } from './makeImages'
import { expect, startServe, test } from './serveFixture'
import { openAndTrainTiny, saveInto } from './userSteps'

// The recent list lives in the app's data folder: a private one for this file.
const appData = mkdtempSync(path.join(os.tmpdir(), 'cnn-e2e-session-appdata-'))
process.env.XDG_DATA_HOME = appData
test.afterAll(async () => rm(appData, { recursive: true, force: true }))

/** Train, Export and Evaluate all show the one run. */
async function expectRunShown(page: Page): Promise<void> {
  await page.getByTestId('nav-train').click()
  await expect(page.getByTestId('run-row')).toHaveCount(1)
  await page.getByTestId('nav-export').click()
  await expect(page.getByTestId('export-run-select').locator('option')).toHaveCount(1)
  await expect(page.getByTestId('export-run-select').locator('option')).toContainText('completed')
  await page.getByTestId('nav-evaluate').click()
  await expect(page.getByTestId('test-accuracy')).toHaveText(/\d+\.\d%/)
  await expect(page.getByText('No finished or stopped run yet')).toHaveCount(0)
}

test('a run trained before the first save is carried into the project and stays after reopening', async ({
  page,
  serve
}) => {
  const data = path.join(serve.dataRoot, 'shapes')
  await makeFolderDataset(data)
  const projectDir = path.join(serve.dataRoot, 'projects', 'first-save')

  await page.goto(serve.url)
  await expect(page.getByTestId('project-name')).toHaveText('Unsaved session')
  await openAndTrainTiny(page, data, 3)
  await saveInto(page, projectDir, 'First save')

  const runIds = await readdir(path.join(projectDir, 'runs'))
  expect(runIds).toHaveLength(1)
  const run = JSON.parse(await readFile(path.join(projectDir, 'runs', runIds[0]!, 'run.json'), 'utf8'))
  expect(run.status).toBe('completed')
  await expectRunShown(page)
  // The run is named by its id's random end, not by digits of its time that read like a counter.
  await page.getByTestId('nav-train').click()
  await expect(page.getByTestId('run-row').getByRole('cell').nth(1)).toContainText(runIds[0]!.slice(-4))
  await expect(page.getByTestId('run-row').getByRole('cell').nth(1)).not.toContainText(runIds[0]!.slice(-6))

  await page.reload()
  await expect(page.getByTestId('project-name')).toHaveText('First save')
  await expectRunShown(page)

  // A new server holds nothing: the project comes back from the Recent menu, with its run.
  const later = await startServe(serve.dataRoot)
  try {
    await page.goto(later.url)
    await page.getByTestId('project-recent').click()
    await page.getByTestId('recent-project').filter({ hasText: 'First save' }).click()
    await expect(page.getByTestId('project-name')).toHaveText('First save')
    await expectRunShown(page)
  } finally {
    later.process.kill('SIGTERM')
    await new Promise((r) => later.process.once('exit', r))
  }
})
