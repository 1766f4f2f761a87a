import { describe, expect, it } from 'vitest'
import { INPUT_LIMITS, inputBoundsProblem } from '../../../src/shared/inputBounds'

function nested(depth: number): unknown {
  let v: unknown = 0
  for (let i = 0; i < depth; i++) v = [v]
  return v
}

describe('input bounds', () => {
  it('accepts every real request shape', () => {
    const project = {
      project: {
        network: {
          input: { height: 28, width: 28, channels: 1 },
          layers: [{ type: 'conv2d', kernelSize: [5, 5] }]
        },
        augment: { ops: [{ type: 'rotate', degrees: [-30, 30] }] }
      },
      folder: '/home/someone/projects/mnist'
    }
    expect(inputBoundsProblem(project)).toBeNull()
    expect(inputBoundsProblem(undefined)).toBeNull()
    expect(inputBoundsProblem({ indexes: Array.from({ length: 2000 }, (_, i) => i) })).toBeNull()
  })

  it('refuses input nested deeper than the bound, however deep, without recursing', () => {
    expect(inputBoundsProblem(nested(INPUT_LIMITS.maxDepth - 1))).toBeNull()
    expect(inputBoundsProblem(nested(INPUT_LIMITS.maxDepth + 1))).toMatch(/nested more than 64 levels/)
    expect(inputBoundsProblem(nested(1_000_000))).toMatch(/nested/)
  })

  it('refuses input larger than the bound: long strings, long keys, many values, big buffers', () => {
    expect(inputBoundsProblem('x'.repeat(INPUT_LIMITS.maxBytes + 1))).toMatch(/larger than 1 MiB/)
    expect(inputBoundsProblem({ ['k'.repeat(INPUT_LIMITS.maxBytes + 1)]: 1 })).toMatch(/larger/)
    expect(inputBoundsProblem(new Array(200_000).fill(1))).toMatch(/larger/)
    expect(inputBoundsProblem(new Uint8Array(INPUT_LIMITS.maxBytes + 1))).toMatch(/larger/)
    expect(inputBoundsProblem(new Map([[1, 'x'.repeat(INPUT_LIMITS.maxBytes)]]))).toMatch(/larger/)
  })

  it('ends on input that refers to itself (a structured clone can carry cycles)', () => {
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    expect(inputBoundsProblem(cyclic)).toMatch(/nested/)
    // Shared subtrees double at each level: the size bound stops the walk long before 2^40 visits.
    let shared: unknown = 'leaf'
    for (let i = 0; i < 40; i++) shared = [shared, shared]
    expect(inputBoundsProblem(shared)).toMatch(/larger/)
  })
})
