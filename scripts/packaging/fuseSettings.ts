import { FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses'

/**
 * Electron's fuses, flipped in the packaged binary (they cannot change at run time). Each is as tight as
 * the app's design allows; the reason is next to it.
 */
export const FUSES = {
  version: FuseVersion.V1,
  strictlyRequireAllFuses: true,
  // Kept on: the engine runs on Electron as Node (ELECTRON_RUN_AS_NODE) on macOS and Windows, and on Linux
  // where no Node.js is found (see src/main/host/engineLaunch.ts). Turning it off needs that fallback moved
  // to utilityProcess first.
  [FuseV1Options.RunAsNode]: true,
  // Cookies and other Chromium storage are encrypted with the OS keychain.
  [FuseV1Options.EnableCookieEncryption]: true,
  // Nothing in the app reads NODE_OPTIONS or accepts --inspect; outside code must not inject either.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // The app is loaded only from app.asar, whose integrity is checked against the hash in the binary. The
  // engine's files and the native addons go to app.asar.unpacked (asarUnpack): Node.js runs the engine on
  // Linux and cannot read inside an archive.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // The renderer is served from app://, so file:// needs no extra privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false
} satisfies FuseV1Config

/** Where the packaged Electron binary sits, given the packager's output folder, platform and product name. */
export function packagedBinary(appOutDir: string, platform: string, productName: string): string {
  if (platform === 'darwin') return `${appOutDir}/${productName}.app/Contents/MacOS/${productName}`
  if (platform === 'win32') return `${appOutDir}/${productName}.exe`
  return `${appOutDir}/${productName.toLowerCase().replace(/\s+/g, '-')}`
}
