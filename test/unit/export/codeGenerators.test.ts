import { describe, expect, it } from 'vitest'
import {
  generateKerasScript,
  generatePytorchModule,
  type PreprocessingManifest
} from '../../../src/shared/export'
import {
  buildTemplate,
  summarizeNetwork,
  TEMPLATE_NAMES,
  type NetworkSpec
} from '../../../src/shared/network'
import { everyKindSpec } from './exportFixtures'

/*
 * The generated Python is checked as text: every layer line is parsed, shapes are pushed through the
 * parsed arguments with each framework's own rules, and the parameter count is compared with the app's.
 */

const numbers = (text: string): number[] => (text.match(/-?\d+(\.\d+)?/g) ?? []).map(Number)
const tupleArg = (args: string, key: string): number[] =>
  numbers(new RegExp(`${key}=\\(([^)]*)\\)`).exec(args)?.[1] ?? '')
const conv = (size: number, k: number, s: number, before: number, after: number) =>
  Math.floor((size + before + after - k) / s) + 1

interface Walk {
  kinds: string[]
  params: number
  shape: number[]
}

/** Keras: NHWC shapes; 'same' = ceil(in/s), 'valid' = floor((in−k)/s)+1. */
function walkKeras(script: string): Walk {
  const lines = script.split('\n').filter((l) => /^\s+(keras\.Input|layers\.\w+)\(/.test(l))
  let shape: number[] = []
  let params = 0
  const kinds: string[] = []
  for (const line of lines) {
    const [, kind = '', args = ''] = /(\w+)\((.*)\),?$/.exec(line.trim()) ?? []
    kinds.push(kind)
    const [h = 0, w = 0, c = 0] = shape
    const bias = /use_bias=True/.test(args)
    const window = (k: number[], s: number[]) => {
      const same = /padding="same"/.test(args)
      return [0, 1].map((i) =>
        same ? Math.ceil(shape[i]! / s[i]!) : Math.floor((shape[i]! - k[i]!) / s[i]!) + 1
      )
    }
    switch (kind) {
      case 'Input':
        shape = tupleArg(args, 'shape')
        break
      case 'Conv2D': {
        const [filters = 0, kh = 0, kw = 0] = numbers(args.split('strides')[0] ?? '')
        params += kh * kw * c * filters + (bias ? filters : 0)
        shape = [...window([kh, kw], tupleArg(args, 'strides')), filters]
        break
      }
      case 'MaxPooling2D':
      case 'AveragePooling2D': {
        const [ph = 0, pw = 0] = numbers(args.split('strides')[0] ?? '')
        shape = [...window([ph, pw], tupleArg(args, 'strides')), c]
        break
      }
      case 'BatchNormalization':
        params += 4 * (shape[shape.length - 1] ?? 0)
        break
      case 'Flatten':
        shape = [h * w * c]
        break
      case 'GlobalAveragePooling2D':
        shape = [c]
        break
      case 'Dense': {
        const units = numbers(args)[0] ?? 0
        params += h * units + (bias ? units : 0)
        shape = [units]
        break
      }
    }
  }
  return { kinds, params, shape }
}

/** PyTorch: NCHW shapes with explicit padding; in-channels/in-features must match what arrives. */
function walkPytorch(script: string): Walk & { mismatches: string[] } {
  const lines = script.split('\n').filter((l) => /^\s+\("\w+", (nn\.\w+|TfSameAvgPool2d)\(/.test(l))
  let shape: number[] = []
  const input = /INPUT_SHAPE = \(([^)]*)\)/.exec(script)?.[1] ?? ''
  shape = numbers(input)
  let params = 0
  const kinds: string[] = []
  const mismatches: string[] = []
  for (const line of lines) {
    const [, name = '', kind = '', args = ''] =
      /\("(\w+)", (?:nn\.)?(\w+)\((.*)\)\),$/.exec(line.trim()) ?? []
    kinds.push(kind)
    const [c = 0, h = 0, w = 0] = shape
    const n = numbers(args)
    const pad = tupleArg(args, 'padding')
    const [ph = 0, pw = 0] = pad.length ? pad : [0, 0]
    const window = (k: number[], s: number[]) => [
      conv(h, k[0]!, s[0]!, ph, ph),
      conv(w, k[1]!, s[1]!, pw, pw)
    ]
    switch (kind) {
      case 'ZeroPad2d':
      case 'ConstantPad2d': {
        const [l = 0, r = 0, t = 0, b = 0] = n
        shape = [c, h + t + b, w + l + r]
        break
      }
      case 'Conv2d': {
        const [inC = 0, out = 0, kh = 0, kw = 0] = n
        if (inC !== c) mismatches.push(`${name}: ${inC} in-channels but ${c} arrive`)
        params += kh * kw * inC * out + (/bias=True/.test(args) ? out : 0)
        shape = [out, ...window([kh, kw], tupleArg(args, 'stride'))]
        break
      }
      case 'MaxPool2d':
      case 'AvgPool2d':
        shape = [c, ...window([n[0]!, n[1]!], tupleArg(args, 'stride'))]
        break
      case 'TfSameAvgPool2d': {
        const [kh = 0, kw = 0, sh = 0, sw = 0, l = 0, r = 0, t = 0, b = 0] = n
        shape = [c, conv(h, kh, sh, t, b), conv(w, kw, sw, l, r)]
        break
      }
      case 'BatchNorm2d':
      case 'BatchNorm1d':
        if (n[0] !== c) mismatches.push(`${name}: ${n[0]} features but ${c} arrive`)
        params += 4 * (n[0] ?? 0)
        break
      case 'AdaptiveAvgPool2d':
        shape = [c, 1, 1]
        break
      case 'Flatten':
        shape = [shape.reduce((a, v) => a * v, 1)]
        break
      case 'Linear':
        if (n[0] !== c) mismatches.push(`${name}: ${n[0]} in-features but ${c} arrive`)
        params += (n[0] ?? 0) * (n[1] ?? 0) + (/bias=True/.test(args) ? (n[1] ?? 0) : 0)
        shape = [n[1] ?? 0]
        break
    }
  }
  return { kinds, params, shape, mismatches }
}

/** The Keras layer classes a spec should become, in order (leakyRelu splits off as in the app). */
function expectedKerasKinds(spec: NetworkSpec): string[] {
  const names: Record<string, string> = {
    conv2d: 'Conv2D',
    maxPool2d: 'MaxPooling2D',
    avgPool2d: 'AveragePooling2D',
    batchNorm: 'BatchNormalization',
    dropout: 'Dropout',
    flatten: 'Flatten',
    globalAveragePool: 'GlobalAveragePooling2D',
    dense: 'Dense',
    activation: 'Activation'
  }
  return [
    'Input',
    ...spec.layers.flatMap((l) => {
      if (l.type === 'activation' && l.activation === 'leakyRelu') return ['LeakyReLU']
      const kind = names[l.type] ?? '?'
      return 'activation' in l && l.activation === 'leakyRelu' ? [kind, 'LeakyReLU'] : [kind]
    })
  ]
}

function manifestFor(spec: NetworkSpec, classes: number): PreprocessingManifest {
  const { height, width, channels } = spec.input
  return {
    input: { height, width, channels: channels === 1 ? 1 : 3 },
    resize: 'stretch',
    normalization: 'x/255',
    classes: Array.from({ length: classes }, (_, i) => `class-${i}`),
    output: 'probabilities'
  }
}

const cases: [string, NetworkSpec, number][] = [
  ...TEMPLATE_NAMES.flatMap((name): [string, NetworkSpec, number][] => [
    [`${name} 28×28×1`, buildTemplate(name, { height: 28, width: 28, channels: 1 }, 10), 10],
    [`${name} 64×48×3`, buildTemplate(name, { height: 64, width: 48, channels: 3 }, 5), 5]
  ]),
  ['every layer kind (Flatten)', everyKindSpec('flatten'), 5],
  ['every layer kind (GlobalAveragePool)', everyKindSpec('globalAveragePool'), 5]
]

describe('generated Keras and PyTorch code', () => {
  for (const [title, spec, classes] of cases) {
    it(`${title}: same layers, shapes and parameter count as the app`, () => {
      const summary = summarizeNetwork(spec)
      expect(summary.errors).toEqual([])
      const manifest = manifestFor(spec, classes)

      const keras = walkKeras(generateKerasScript(spec, manifest))
      expect(keras.kinds).toEqual(expectedKerasKinds(spec))
      expect(keras.params).toBe(summary.totalParams)
      expect(keras.shape).toEqual([classes])

      const torchScript = generatePytorchModule(spec, manifest)
      const torch = walkPytorch(torchScript)
      expect(torch.mismatches).toEqual([])
      expect(torch.params).toBe(summary.totalParams)
      expect(torch.shape).toEqual([classes])
      // Every weighted spec layer is listed for the loader, under the tfjs layer's name.
      const weighted = spec.layers.flatMap((l, i) =>
        ['conv2d', 'dense', 'batchNorm'].includes(l.type) ? [`L${i}_${l.type}`] : []
      )
      const listed = [...torchScript.matchAll(/^ {4}\("(L\d+_\w+)", "\w+", /gm)].map((m) => m[1])
      expect(listed).toEqual(weighted)
    })
  }

  it('marks the first Linear after a Flatten of a 3-D map (and a batch-norm between) for the h-w-c → c-h-w reordering', () => {
    const script = generatePytorchModule(everyKindSpec('flatten'), manifestFor(everyKindSpec('flatten'), 5))
    expect(script).toContain('("L11_batchNorm", "batchNorm", (2, 1, 8)),')
    expect(script).toContain('("L12_dense", "dense", (2, 1, 8)),')
    expect(script).toContain('("L15_dense", "dense", None),')
    expect(script).toMatch(/transpose\(3, 2, 0, 1\)/)
    const gap = generatePytorchModule(
      everyKindSpec('globalAveragePool'),
      manifestFor(everyKindSpec('globalAveragePool'), 5)
    )
    expect(gap).toContain('("L12_dense", "dense", None),')
  })
})
