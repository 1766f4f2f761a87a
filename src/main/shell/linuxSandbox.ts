import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'

/** What decides whether Electron's Chromium sandbox can start on Linux. */
export interface SandboxFacts {
  platform: NodeJS.Platform
  /** The user id (0: root). */
  uid: number | null
  /** The `--no-sandbox` flag was given. */
  noSandbox: boolean
  /** /proc/sys/kernel/apparmor_restrict_unprivileged_userns (Ubuntu 23.10+): '1' restricts. */
  apparmorRestrictsUserns: string | null
  /** /proc/sys/kernel/unprivileged_userns_clone (older Debian): '0' forbids. */
  usernsClone: string | null
  /** Electron's chrome-sandbox helper: owned by root with the setuid bit, it works without user namespaces. */
  chromeSandbox: { path: string; uid: number; mode: number } | null
}

function readSetting(file: string): string | null {
  try {
    return readFileSync(file, 'utf8').trim()
  } catch {
    return null
  }
}

export function sandboxFacts(electronBinary: string, argv: string[]): SandboxFacts {
  const helper = path.join(path.dirname(electronBinary), 'chrome-sandbox')
  let chromeSandbox: SandboxFacts['chromeSandbox'] = null
  try {
    const stat = statSync(helper)
    chromeSandbox = { path: helper, uid: stat.uid, mode: stat.mode }
  } catch {
    // No helper: only user namespaces can sandbox.
  }
  return {
    platform: process.platform,
    uid: process.getuid?.() ?? null,
    noSandbox: argv.includes('--no-sandbox'),
    apparmorRestrictsUserns: readSetting('/proc/sys/kernel/apparmor_restrict_unprivileged_userns'),
    usernsClone: readSetting('/proc/sys/kernel/unprivileged_userns_clone'),
    chromeSandbox
  }
}

const SETUID = 0o4000

/**
 * Why Electron would stop at launch on this machine, as one sentence saying what to do, or null when it
 * can start. Electron refuses to run as root with its sandbox on, and on Ubuntu 23.10+ AppArmor keeps the
 * sandbox from using user namespaces unless chrome-sandbox is setuid root.
 */
export function sandboxProblem(facts: SandboxFacts): string | null {
  if (facts.platform !== 'linux' || facts.noSandbox) return null
  if (facts.uid === 0) {
    return 'The desktop app does not run as root with its sandbox on: start it as a normal user, or run "npm start -- --no-sandbox" (which turns off the sandbox that isolates its pages).'
  }
  const helper = facts.chromeSandbox
  const setuidRoot = helper !== null && helper.uid === 0 && (helper.mode & SETUID) !== 0
  const usernsBlocked = facts.apparmorRestrictsUserns === '1' || facts.usernsClone === '0'
  if (!usernsBlocked || setuidRoot) return null
  const where = helper?.path ?? 'node_modules/electron/dist/chrome-sandbox'
  const why =
    facts.apparmorRestrictsUserns === '1'
      ? 'AppArmor restricts unprivileged user namespaces on this system'
      : 'unprivileged user namespaces are turned off on this system'
  return `Electron's sandbox cannot start because ${why}: run "sudo chown root:root ${where} && sudo chmod 4755 ${where}" once, or start with "npm start -- --no-sandbox" (which turns the sandbox off).`
}
