import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Page } from '@playwright/test'
import { makeFolderDataset } from './makeImages'
import { expect, startServe, test } from './serveFixture'

async function expectRestored(page: Page, runs: number): Promise<void> {
  await expect(page.getByTestId('project-name')).toHaveText('Shapes')
  await page.getByTestId('nav-data').click()
  await expect(page.getByTestId('class-row')).toHaveCount(3)
  await page.getByTestId('nav-network').click()
  await expect(page.getByTestId('layer-block')).toHaveCount(4)
  await page.getByTestId('nav-augment').click()
  await expect(page.getByTestId('op-toggle-rotate')).toBeChecked()
  await expect(page.getByTestId('op-rotate-min')).toHaveValue('-20')
  await expect(page.getByTestId('op-toggle-flip')).not.toBeChecked()
  await page.getByTestId('nav-train').click()
  await expect(page.getByTestId('setting-epochs')).toHaveValue('1')
  await expect(page.getByTestId('run-row')).toHaveCount(runs)
  await expect(page.getByTestId('project-save-state')).toHaveAttribute('data-state', 'saved')
}

test('a project keeps the dataset, network, augmentation and runs across a reload and a restart', async ({
  page,
  serve
}) => {
  const data = path.join(serve.dataRoot, 'shapes')
  await makeFolderDataset(data)
  const projectDir = path.join(serve.dataRoot, 'projects', 'shapes-project')

  await page.goto(serve.url)
  await expect(page.getByTestId('project-name')).toHaveText('Unsaved session')
  await page.getByTestId('project-new').click()
  await page.getByTestId('project-folder').fill(projectDir)
  await page.getByTestId('project-name-input').fill('Shapes')
  await page.getByTestId('project-confirm').click()
  await expect(page.getByTestId('project-name')).toHaveText('Shapes')
  const state = page.getByTestId('project-save-state')
  await expect(state).toHaveAttribute('data-state', 'saved')

  await page.getByTestId('dataset-path').fill(data)
  await page.getByTestId('open-path').click()
  await expect(page.getByTestId('class-row')).toHaveCount(3)
  await page.getByTestId('nav-network').click()
  await page.getByTestId('template-select').selectOption({ label: 'Tiny (quick experiments)' })
  await expect(page.getByTestId('layer-block')).toHaveCount(4)
  await page.getByTestId('nav-augment').click()
  await page.getByTestId('op-toggle-rotate').check()
  await page.getByTestId('op-rotate-min').fill('-20')
  await page.getByTestId('op-rotate-min').press('Enter')
  // The save can come and go between two looks at the badge, so the file on disk tells that it happened.
  const savedRotation = async (): Promise<unknown> => {
    const text = await readFile(path.join(projectDir, 'project.json'), 'utf8')
    const ops = (JSON.parse(text) as { augment: { ops: { type: string; degrees?: number[] }[] } }).augment.ops
    return ops.find((op) => op.type === 'rotate')?.degrees?.[0]
  }
  await expect.poll(savedRotation).toBe(-20)
  await expect(state).toHaveAttribute('data-state', 'saved')
  await expect(state).toHaveText('Saved')

  await page.getByTestId('nav-train').click()
  await page.getByTestId('setting-epochs').fill('1')
  await expect(page.getByTestId('train-start')).toBeEnabled()
  await page.getByTestId('train-start').click()
  await expect(page.getByTestId('train-status')).toHaveText('Completed', { timeout: 120_000 })
  await expect(page.getByTestId('run-row')).toHaveCount(1)
  await expect(state).toHaveAttribute('data-state', 'saved')
  const runIds = await readdir(path.join(projectDir, 'runs'))
  expect(runIds).toHaveLength(1)
  const saved = JSON.parse(await readFile(path.join(projectDir, 'project.json'), 'utf8')) as {
    version: number
    network: { layers: unknown[] }
    training: { epochs: number }
  }
  expect(saved.version).toBe(2)
  expect(saved.network.layers).toHaveLength(4)
  expect(saved.training.epochs).toBe(1)
  await page.screenshot({ path: test.info().outputPath('project-saved.png') })

  // A reload: the engine still holds the project, and the page takes it up again.
  await page.reload()
  await expectRestored(page, 1)

  // The next day: a new engine holds nothing; the project comes back from the recent list.
  const tomorrow = await startServe(serve.dataRoot)
  try {
    await page.goto(tomorrow.url)
    await expect(page.getByTestId('project-name')).toHaveText('Unsaved session')
    await page.getByTestId('project-recent').click()
    const entry = page.getByTestId('recent-project').filter({ hasText: 'Shapes' })
    await expect(entry).toContainText(projectDir)
    await entry.click()
    await expectRestored(page, 1)
    await page.screenshot({ path: test.info().outputPath('project-reopened.png') })
  } finally {
    tomorrow.process.kill('SIGTERM')
    await new Promise((r) => tomorrow.process.once('exit', r))
  }
})
