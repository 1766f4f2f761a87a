import path from 'node:path'
import { describe, expect, it } from 'vitest'
import packageJson from '../../../package.json'
import {
  desktopEngineLaunch,
  RUNTIME_WHY_VARIABLE,
  type DesktopLaunchFacts
} from '../../../src/main/host/engineLaunch'
import { findNodeRuntime, probeNodeVersion, SUPPORTED_NODE } from '../../../src/main/host/nodeRuntime'

const versions: Record<string, string> = {
  '/opt/node18/bin/node': '18.19.0',
  '/usr/bin/node': '20.20.2',
  '/home/me/.nvm/node22/bin/node': '22.12.0'
}
const probe = (binary: string): string | null => versions[binary] ?? null
const exists = (p: string): boolean => p in versions

describe('finding a Node.js runtime for the engine', () => {
  it('supports the Node.js versions package.json says', () => {
    expect(SUPPORTED_NODE).toBe(packageJson.engines.node)
  })

  it('prefers CNN_WORKBENCH_NODE, then npm_node_execpath, then node on PATH', () => {
    const env = {
      CNN_WORKBENCH_NODE: '/home/me/.nvm/node22/bin/node',
      npm_node_execpath: '/usr/bin/node',
      PATH: '/usr/bin'
    }
    expect(findNodeRuntime(env, probe, exists, 'linux').found).toMatchObject({ source: 'CNN_WORKBENCH_NODE' })
    expect(findNodeRuntime({ ...env, CNN_WORKBENCH_NODE: undefined }, probe, exists, 'linux').found).toEqual({
      path: '/usr/bin/node',
      version: '20.20.2',
      source: 'npm_node_execpath'
    })
    expect(findNodeRuntime({ PATH: '/nowhere:/usr/bin' }, probe, exists, 'linux').found).toMatchObject({
      source: 'PATH'
    })
  })

  it('skips a Node.js that is too old or does not run, saying why', () => {
    const search = findNodeRuntime(
      { CNN_WORKBENCH_NODE: '/bin/false', PATH: '/opt/node18/bin' },
      probe,
      exists,
      'linux'
    )
    expect(search.found).toBeNull()
    expect(search.rejected).toEqual([
      'CNN_WORKBENCH_NODE (/bin/false) does not run as Node.js',
      `node on PATH (/opt/node18/bin/node) is Node.js 18.19.0, not ${SUPPORTED_NODE}`
    ])
  })

  it('reads the version of a real node binary', () => {
    expect(probeNodeVersion(process.execPath)).toBe(process.versions.node)
    expect(probeNodeVersion('/nonexistent/node')).toBeNull()
  })
})

const bundle = path.join('/app', 'out', 'main')
const facts = (over: Partial<DesktopLaunchFacts>): DesktopLaunchFacts => ({
  platform: 'linux',
  electronVersion: '38.8.6',
  node: findNodeRuntime({ npm_node_execpath: '/usr/bin/node' }, probe, exists, 'linux'),
  exists: () => false,
  ...over
})

describe('how the desktop app starts its engine', () => {
  it('on Linux runs the built engine on Node.js when there is one, without ELECTRON_RUN_AS_NODE', () => {
    const launch = desktopEngineLaunch({ dataRoot: '/data' }, bundle, '/app/electron', facts({}))
    expect(launch.entry).toBe(path.join(bundle, 'engine.js'))
    expect(launch.execPath).toBe('/usr/bin/node')
    expect(launch.env?.ELECTRON_RUN_AS_NODE).toBeUndefined()
    expect(launch.env?.CNN_WORKBENCH_DATA_ROOT).toBe('/data')
    expect(launch.env?.[RUNTIME_WHY_VARIABLE]).toMatch(/^Node\.js 20\.20\.2 from npm_node_execpath/)
  })

  it('on Linux without Node.js runs Electron as Node and says what it looked for', () => {
    const none = findNodeRuntime({}, probe, exists, 'linux')
    const launch = desktopEngineLaunch({ dataRoot: '/data' }, bundle, '/app/electron', facts({ node: none }))
    expect(launch.execPath).toBe('/app/electron')
    expect(launch.env?.ELECTRON_RUN_AS_NODE).toBe('1')
    expect(launch.env?.[RUNTIME_WHY_VARIABLE]).toMatch(
      /^Electron 38\.8\.6 as Node, because no Node\.js was found \(no CNN_WORKBENCH_NODE.*\); set CNN_WORKBENCH_NODE/
    )
  })

  it('runs a packaged engine on Node.js only from app.asar.unpacked, which Node.js can read', () => {
    const packed = path.join('/opt/app/resources/app.asar/out/main')
    const unpacked = path.join('/opt/app/resources/app.asar.unpacked/out/main/engine.js')
    const withCopy = desktopEngineLaunch(
      { dataRoot: '/d' },
      packed,
      '/opt/app/app',
      facts({ exists: (p) => p === unpacked })
    )
    expect(withCopy).toMatchObject({ entry: unpacked, execPath: '/usr/bin/node' })
    const without = desktopEngineLaunch({ dataRoot: '/d' }, packed, '/opt/app/app', facts({}))
    expect(without.execPath).toBe('/opt/app/app')
    expect(without.env?.[RUNTIME_WHY_VARIABLE]).toMatch(/packed in app\.asar/)
  })

  it('keeps Electron as Node on macOS and Windows', () => {
    const launch = desktopEngineLaunch(
      { dataRoot: '/d' },
      bundle,
      '/app/electron',
      facts({ platform: 'darwin' })
    )
    expect(launch.execPath).toBe('/app/electron')
    expect(launch.env?.ELECTRON_RUN_AS_NODE).toBe('1')
  })
})
