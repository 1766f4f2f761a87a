import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll } from 'vitest'

// Test files run side by side. Code that falls back to the user's folders (the recent list, the default runs
// folder, the dataset cache) gets private ones per file, so no two files, nor the person's own data, meet there.
const root = mkdtempSync(path.join(os.tmpdir(), 'cnn-test-xdg-'))
process.env.XDG_DATA_HOME = path.join(root, 'share')
process.env.XDG_CACHE_HOME = path.join(root, 'cache')
afterAll(() => rmSync(root, { recursive: true, force: true }))
