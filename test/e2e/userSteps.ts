import type { Page } from '@playwright/test'
import { expect } from './serveFixture'

/** Steps a user takes in many tests, written once so every spec takes them the same way. */

/** Data room: types a folder's path and opens it; waits until its classes are listed. */
export async function openFolder(page: Page, folder: string, classes: number): Promise<void> {
  await page.getByTestId('nav-data').click()
  await page.getByTestId('dataset-path').fill(folder)
  await page.getByTestId('open-path').click()
  await expect(page.getByTestId('class-row')).toHaveCount(classes)
}

/** Network room: the Tiny template. */
export async function chooseTiny(page: Page): Promise<void> {
  await page.getByTestId('nav-network').click()
  await page.getByTestId('template-select').selectOption({ label: 'Tiny (quick experiments)' })
  await expect(page.getByTestId('layer-block')).toHaveCount(4)
}

/** Train room: starts a run of `epochs` epochs and, unless `wait` is false, waits until it has completed. */
export async function train(page: Page, epochs: number, wait = true): Promise<void> {
  await page.getByTestId('nav-train').click()
  await page.getByTestId('setting-epochs').fill(String(epochs))
  await expect(page.getByTestId('train-start')).toBeEnabled()
  await page.getByTestId('train-start').click()
  if (wait) await expect(page.getByTestId('train-status')).toHaveText('Completed', { timeout: 120_000 })
}

/** Opens a dataset folder, picks the Tiny network and trains it for `epochs` epochs to the end. */
export async function openAndTrainTiny(
  page: Page,
  folder: string,
  classes: number,
  epochs = 1
): Promise<void> {
  await openFolder(page, folder, classes)
  await chooseTiny(page)
  await train(page, epochs)
}

/** The project bar's Save: in an unsaved session it asks for a folder (and a name). */
export async function saveInto(page: Page, folder: string, name: string): Promise<void> {
  await page.getByTestId('project-save').click()
  await page.getByTestId('project-folder').fill(folder)
  await page.getByTestId('project-name-input').fill(name)
  await page.getByTestId('project-confirm').click()
  await expect(page.getByTestId('project-name')).toHaveText(name)
}
