/** What a file-system error code means, in words a person can act on. */
const IN_WORDS: Record<string, string> = {
  ENOSPC: 'the disk is full (no space left on device)',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the disk is read-only',
  EACCES: 'permission was denied',
  EPERM: 'the operation is not permitted there',
  EIO: 'the disk reported an input/output error',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder, not a file',
  EEXIST: 'something with that name already exists',
  ENOENT: 'it does not exist',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many files are open',
  ELOOP: 'the path has too many symbolic links'
}

/** The errno code of a Node file-system error (ENOSPC, EACCES…), if it is one. */
export function errnoCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : undefined
}

/** "the disk is full (no space left on device)" for an ENOSPC error; null for errors without a known code. */
export function fileErrorInWords(error: unknown): string | null {
  const code = errnoCode(error)
  return code ? (IN_WORDS[code] ?? null) : null
}

/** Whether the error says the disk has no room left (full, or the quota used up). */
export function isDiskFull(error: unknown): boolean {
  const code = errnoCode(error)
  return code === 'ENOSPC' || code === 'EDQUOT'
}
