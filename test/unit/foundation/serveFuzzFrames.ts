import fc from 'fast-check'
import { encodeFrame, type FrameSpec } from '../../support/wsFrames'

/** Any JSON value, some of it absurdly deep, as text. */
const jsonText = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v)) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.nat({ max: 30_000 }), fc.constantFrom('[', '{"a":'))
      .map(([n, open]) => open.repeat(n) + '0' + (open === '[' ? ']' : '}').repeat(n))
  }
)

/** Routes that only read: random input must not make the fuzz test write folders or train. */
const HARMLESS_ROUTES = [
  'app.info',
  'files.list',
  'dataset.current',
  'dataset.items',
  'dataset.thumbnails',
  'dataset.image',
  'op.cancel',
  'training.runs',
  'training.metrics',
  'training.evaluation',
  'training.control',
  'project.current',
  'project.recent',
  'export.describe'
]

/** A message's text: requests of every shape, JSON that is no request, and text that is not JSON. */
const messageText = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .tuple(
        fc.oneof(fc.nat(), fc.jsonValue({ maxDepth: 1 })),
        fc.oneof(fc.constantFrom(...HARMLESS_ROUTES), fc.string({ maxLength: 20 })),
        jsonText
      )
      .map(
        ([id, route, input]) =>
          `{"id":${JSON.stringify(id)},"route":${JSON.stringify(route)},"input":${input}}`
      )
  },
  { weight: 2, arbitrary: jsonText },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) }
)

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)
const frame = (opcode: number, payload: Uint8Array, fin = true): FrameSpec => ({
  fin,
  rsv: 0,
  opcode,
  masked: true,
  payload
})

function fragments(text: string, cuts: number): FrameSpec[] {
  const b = bytes(text)
  const step = Math.max(1, Math.ceil(b.length / (cuts + 1)))
  const parts: FrameSpec[] = []
  for (let at = 0; at < b.length || parts.length === 0; at += step)
    parts.push(frame(parts.length === 0 ? 1 : 0, b.subarray(at, at + step), at + step >= b.length))
  return parts
}

/** One client action on an open socket: a message whole or in fragments, binary, a ping, or any raw frame. */
const frameGroup: fc.Arbitrary<FrameSpec[]> = fc.oneof(
  { weight: 6, arbitrary: messageText.map((t) => [frame(1, bytes(t))]) },
  { weight: 2, arbitrary: fc.tuple(messageText, fc.nat({ max: 3 })).map(([t, cuts]) => fragments(t, cuts)) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((b) => [frame(2, b)]) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 20 }).map((b) => [frame(9, b)]) },
  {
    weight: 1,
    arbitrary: fc
      .record({
        fin: fc.boolean(),
        rsv: fc.nat({ max: 7 }),
        opcode: fc.nat({ max: 15 }),
        masked: fc.boolean(),
        payload: fc.uint8Array({ maxLength: 200 })
      })
      .map((f) => [f])
  }
)

/** A socket's life: a few actions, as the bytes to write after the handshake. */
export const socketSessionArb: fc.Arbitrary<Buffer[]> = fc
  .array(frameGroup, { minLength: 1, maxLength: 8 })
  .map((groups) => groups.flat().map(encodeFrame))
