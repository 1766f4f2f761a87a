import { existsSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from '../parseArgs'
import type { DoctorReport } from '../../../shared/doctorReport'
import { formatDoctorReport } from '../../../shared/doctorText'
import { appRoot, runsFromBuild } from '../../host/appPaths'
import { EngineHost } from '../../host/engineHost'
import { cliEngineLaunch, desktopEngineLaunch, RUNTIME_WHY_VARIABLE } from '../../host/engineLaunch'
import { findNodeRuntime, probeNodeVersion } from '../../host/nodeRuntime'
import type { CliIo } from '../cliIo'

function electronVersion(root: string): string | null {
  const manifest = path.join(root, 'node_modules', 'electron', 'package.json')
  if (!existsSync(manifest)) return null
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version
}

/** How the desktop app would start its engine on this machine: the same decision the app makes. */
function desktopEngine(root: string): string {
  const version = electronVersion(root)
  if (version === null) return 'the electron package is not installed'
  const launch = desktopEngineLaunch({ dataRoot: os.homedir() }, path.join(root, 'out', 'main'), 'electron', {
    platform: process.platform,
    electronVersion: version,
    node: findNodeRuntime(process.env, probeNodeVersion, existsSync),
    exists: existsSync
  })
  return launch.env?.[RUNTIME_WHY_VARIABLE] ?? ''
}

/** `cnn-workbench doctor [--json]`: starts the engine as serve mode does and prints its report. */
export async function runDoctor(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } })
  const root = appRoot()
  const engine = new EngineHost(
    cliEngineLaunch(
      {
        dataRoot: os.homedir(),
        cacheDir: process.env.CNN_WORKBENCH_CACHE_DIR,
        runsDir: process.env.CNN_WORKBENCH_RUNS_DIR
      },
      runsFromBuild ? path.join(root, 'out', 'main') : null
    )
  )
  engine.start()
  try {
    const result = await engine.request('engine.doctor', {})
    if (!result.ok) throw new Error(result.error.message)
    const report = { ...(result.value as DoctorReport), desktopEngine: desktopEngine(root) }
    io.stdout(values.json ? JSON.stringify(report) + '\n' : formatDoctorReport(report))
    return 0
  } finally {
    await engine.stop()
  }
}
