/** Raw uint8 pixels from the base64 text the contract carries them in. */
export function decodeBase64Pixels(b64: string): Uint8Array {
  const bin = atob(b64)
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}
