import { spawn } from 'node:child_process'

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

/**
 * Runs `cnn-workbench …` as a separate process, as a script would, on the TypeScript sources (the command
 * itself runs the build in out/; test/unit/desktop covers that).
 */
export function runCliProcess(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/cnn-workbench.mjs', ...args], {
      env: { ...process.env, CNN_WORKBENCH_FROM_SOURCE: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))
  })
}
