import { describe, expect, it } from 'vitest'
import { runCliProcess } from '../../support/runCli'

/** Every flag each command accepts, as a person would look for it in its --help. */
const FLAGS: Record<string, string[]> = {
  serve: ['--host', '--port', '--token', '--data-root', '--cache-dir', '--runs-dir'],
  'dataset inspect': ['--size', '--channels', '--seed', '--resize', '--cache-dir', '--json'],
  'network summary': ['--template', '--input', '--classes', '--json'],
  augment: ['--augment', '--preset', '--out', '--variants', '--seed', '--size', '--channels'],
  train: [
    '--data',
    '--network',
    '--template',
    '--out',
    '--resume',
    '--augment',
    '--epochs',
    '--batch-size',
    '--optimizer',
    '--lr',
    '--momentum',
    '--weight-decay',
    '--schedule',
    '--early-stopping',
    '--seed',
    '--backend',
    '--size',
    '--channels',
    '--limit',
    '--init-weights',
    '--json'
  ],
  evaluate: ['--split', '--backend', '--json'],
  export: ['--format', '--out', 'tfjs', 'onnx', 'keras', 'pytorch', 'pytorch-train'],
  predict: ['--top-k', '--json'],
  activations: ['--layer', '--json', '--out'],
  saliency: ['--class', '--method', '--layer', '--out', '--json'],
  doctor: ['--json']
}

describe('--help', () => {
  it.each(Object.entries(FLAGS))(
    'of %s goes to stdout and lists all its flags',
    async (command, flags) => {
      const { code, stdout, stderr } = await runCliProcess([...command.split(' '), '--help'])
      expect(code).toBe(0)
      expect(stderr).toBe('')
      expect(stdout).toMatch(new RegExp(`^usage: cnn-workbench ${command}`, 'i'))
      for (const flag of flags) expect(stdout).toContain(flag)
    },
    60_000
  )

  it('of the command itself lists every command, on stdout', async () => {
    const { code, stdout } = await runCliProcess(['--help'])
    expect(code).toBe(0)
    for (const command of Object.keys(FLAGS)) expect(stdout).toContain(`  ${command} `)
  }, 60_000)
})
