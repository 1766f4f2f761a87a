/** WebSocket frames as bytes (RFC 6455 §5.2), for sending what no well-behaved client library would. */
export interface FrameSpec {
  fin: boolean
  /** The three reserved bits; anything but 0 is a protocol error without an extension. */
  rsv: number
  opcode: number
  masked: boolean
  payload: Uint8Array
}

export function encodeFrame(f: FrameSpec): Buffer {
  const len = f.payload.length
  const lenBytes = len < 126 ? 0 : len < 65536 ? 2 : 8
  const head = Buffer.alloc(2 + lenBytes + (f.masked ? 4 : 0))
  head[0] = (f.fin ? 0x80 : 0) | ((f.rsv & 7) << 4) | (f.opcode & 0x0f)
  head[1] = (f.masked ? 0x80 : 0) | (lenBytes === 0 ? len : lenBytes === 2 ? 126 : 127)
  if (lenBytes === 2) head.writeUInt16BE(len, 2)
  if (lenBytes === 8) head.writeBigUInt64BE(BigInt(len), 2)
  const payload = Buffer.from(f.payload)
  if (f.masked) {
    const key = Buffer.from([0x12, 0x34, 0x56, 0x78])
    key.copy(head, 2 + lenBytes)
    for (let i = 0; i < payload.length; i++) payload[i]! ^= key[i % 4]!
  }
  return Buffer.concat([head, payload])
}

export interface ServerFrame {
  opcode: number
  payload: Buffer
}

/** Splits the server's (unmasked) frames off the front of `bytes`; returns them and what is left over. */
export function decodeFrames(bytes: Buffer): { frames: ServerFrame[]; rest: Buffer } {
  const frames: ServerFrame[] = []
  let at = 0
  while (bytes.length - at >= 2) {
    const b1 = bytes[at + 1]!
    let len = b1 & 0x7f
    let start = at + 2
    if (len === 126) {
      if (bytes.length < start + 2) break
      len = bytes.readUInt16BE(start)
      start += 2
    } else if (len === 127) {
      if (bytes.length < start + 8) break
      len = Number(bytes.readBigUInt64BE(start))
      start += 8
    }
    if (b1 & 0x80) start += 4 // a server never masks, but be exact if one did
    if (bytes.length < start + len) break
    frames.push({ opcode: bytes[at]! & 0x0f, payload: bytes.subarray(start, start + len) })
    at = start + len
  }
  return { frames, rest: bytes.subarray(at) }
}
