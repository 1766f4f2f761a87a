import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { chooseDecoder, type DecoderFacts } from '../../../src/main/engine/dataset/decoderChoice'
import { glibLibrariesIn, glibLibrariesInThisProcess } from '../../../src/main/engine/dataset/glibInProcess'
import { wasmBindingPath } from '../../../src/main/engine/dataset/imageDecoder'

const MAPS_WITH_GLIB = `
55d0c0a00000-55d0c0a28000 r--p 00000000 08:01 1 /usr/bin/node
7f1e0e200000-7f1e0e29c000 r-xp 0001a000 08:01 2 /usr/lib/x86_64-linux-gnu/libglib-2.0.so.0.7400.6
7f1e0e300000-7f1e0e33c000 r-xp 0000e000 08:01 3 /usr/lib/x86_64-linux-gnu/libgobject-2.0.so.0.7400.6
7f1e0e400000-7f1e0e41c000 r--p 00000000 08:01 3 /usr/lib/x86_64-linux-gnu/libgobject-2.0.so.0.7400.6
7f1e0e500000-7f1e0e51c000 r-xp 00000000 08:01 4 /work/app/node_modules/@img/sharp-libvips-linux-x64/lib/libvips-cpp.so.8.17.3
7f1e0e600000-7f1e0e61c000 rw-p 00000000 00:00 0 [heap]
`

describe('which system GLib libraries a process has mapped', () => {
  it('finds each GLib library once, and not sharp’s own libvips or anonymous mappings', () => {
    expect(glibLibrariesIn(MAPS_WITH_GLIB)).toEqual([
      '/usr/lib/x86_64-linux-gnu/libglib-2.0.so.0.7400.6',
      '/usr/lib/x86_64-linux-gnu/libgobject-2.0.so.0.7400.6'
    ])
  })

  it('finds none in a plain Node.js test process, and none where /proc cannot be read', () => {
    expect(glibLibrariesInThisProcess()).toEqual([])
    expect(
      glibLibrariesInThisProcess(() => {
        throw new Error('ENOENT')
      })
    ).toEqual([])
  })
})

const linux = (over: Partial<DecoderFacts>): DecoderFacts => ({
  glibLibraries: [],
  wasmAvailable: true,
  platform: 'linux',
  ...over
})
const glib = ['/usr/lib/x86_64-linux-gnu/libglib-2.0.so.0']

describe('choosing the image decoder', () => {
  it('uses native sharp where no GLib is mapped, and says so', () => {
    expect(chooseDecoder(linux({}))).toMatchObject({
      kind: 'native',
      why: expect.stringMatching(/no system GLib/)
    })
  })

  it('never uses native sharp where the system GLib is mapped or the process is the Electron binary', () => {
    expect(chooseDecoder(linux({ glibLibraries: glib }))).toMatchObject({
      kind: 'wasm',
      why: expect.stringMatching(/because this process has the system GLib loaded \(libglib-2\.0\.so\.0\)/)
    })
    expect(chooseDecoder(linux({ electron: '38.8.6' }))).toMatchObject({
      kind: 'wasm',
      why: expect.stringMatching(/runs on the Electron binary \(Electron 38\.8\.6\)/)
    })
    expect(chooseDecoder(linux({ glibLibraries: glib, requested: 'native' }))).toMatchObject({
      kind: 'wasm',
      why: expect.stringMatching(/CNN_WORKBENCH_IMAGE_DECODER=native is refused/)
    })
  })

  it('has no decoder, with a sentence saying how to get one, where GLib is mapped and wasm is missing', () => {
    const choice = chooseDecoder(linux({ glibLibraries: glib, wasmAvailable: false }))
    expect(choice.kind).toBe('none')
    expect(choice.why).toMatch(/^Images cannot be decoded in this process: .*npm run install:decoder/)
  })

  it('keeps native sharp in Electron on macOS and Windows, where there is no clash', () => {
    expect(chooseDecoder({ ...linux({ electron: '38.8.6' }), platform: 'darwin' }).kind).toBe('native')
  })

  it('uses wasm when asked, and refuses politely when it is not installed', () => {
    expect(chooseDecoder(linux({ requested: 'wasm' })).kind).toBe('wasm')
    expect(chooseDecoder(linux({ requested: 'wasm', wasmAvailable: false })).kind).toBe('none')
  })
})

describe("sharp's WebAssembly build as installed by npm install", () => {
  it('is installed, at the version of sharp itself (the two must be released together)', () => {
    const binding = wasmBindingPath()
    expect(binding).not.toBeNull()
    const require = createRequire(binding!)
    const wasm = require('@img/sharp-wasm32/package') as { version: string }
    const sharp = JSON.parse(
      readFileSync(createRequire(import.meta.url).resolve('sharp/package.json'), 'utf8')
    ) as {
      version: string
    }
    expect(wasm.version).toBe(sharp.version)
  })
})
