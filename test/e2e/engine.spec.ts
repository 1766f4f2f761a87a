import { expect, test } from './serveFixture'

test('the engine panel says what the engine runs on, and the Train room names the runtime and decoder', async ({
  page,
  serve
}) => {
  await page.goto(serve.url)
  await expect(page.getByTestId('engine-status')).toContainText('engine ready')
  await page.getByTestId('engine-status').click()
  const panel = page.getByTestId('engine-panel')
  await expect(panel.getByTestId('engine-runtime')).toContainText(`Node.js ${process.versions.node}`, {
    timeout: 120_000
  })
  await expect(panel.getByTestId('engine-decoder')).toContainText('sharp (native libvips)')
  await expect(panel.getByTestId('engine-backend-training')).toContainText(
    'tfjs-node-gpu: not installed (optional dependency @tensorflow/tfjs-node-gpu is absent)'
  )
  await expect(panel.getByTestId('engine-backend-training')).toContainText('✓ wasm: loaded')
  await expect(panel.getByTestId('engine-gpu')).toContainText('nvidia-smi')
  await page.screenshot({ path: test.info().outputPath('engine-panel.png') })
  await panel.getByTestId('engine-panel-close').click()
  await expect(panel).toHaveCount(0)

  await page.getByTestId('nav-train').click()
  await expect(page.getByTestId('engine-process-line')).toHaveText(
    `Engine on Node.js ${process.versions.node}; images decoded by sharp (native libvips).`
  )
})
