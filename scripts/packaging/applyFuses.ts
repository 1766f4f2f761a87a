// Flips the fuses of a packaged Electron binary: `npm run package:fuses -- PATH_TO_BINARY`, or as a
// packager hook (electron-builder's afterPack, Forge's packageAfterCopy) through `afterPack` below.
import { flipFuses, getCurrentFuseWire } from '@electron/fuses'
import { pathToFileURL } from 'node:url'
import { FUSES, packagedBinary } from './fuseSettings'

export async function applyFuses(binary: string): Promise<void> {
  await flipFuses(binary, { ...FUSES, resetAdHocDarwinSignature: process.platform === 'darwin' })
}

/** electron-builder's afterPack hook. */
export default async function afterPack(context: {
  appOutDir: string
  electronPlatformName: string
  packager: { appInfo: { productFilename: string } }
}): Promise<void> {
  await applyFuses(
    packagedBinary(context.appOutDir, context.electronPlatformName, context.packager.appInfo.productFilename)
  )
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const binary = process.argv[2]
  if (!binary) {
    process.stderr.write('usage: npm run package:fuses -- PATH_TO_PACKAGED_ELECTRON_BINARY\n')
    process.exit(2)
  }
  await applyFuses(binary)
  process.stdout.write(`${JSON.stringify(await getCurrentFuseWire(binary))}\n`)
}
