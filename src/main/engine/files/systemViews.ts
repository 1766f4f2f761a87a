import path from 'node:path'

/**
 * Views of the running system, not places of files: /proc, /sys, /dev. Writes there fail or never end,
 * and a walk through them meets endless, changing or unreadable entries. /dev/shm is the exception: an
 * ordinary in-memory disk.
 */
const SYSTEM_VIEWS = ['/proc', '/sys', '/dev']
const ORDINARY_UNDER_VIEWS = ['/dev/shm']

export function isInsideFolder(p: string, folder: string): boolean {
  return p === folder || p.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep)
}

/** The system view `absolute` lies in ("/proc"), or null for an ordinary place. */
export function systemViewOf(absolute: string): string | null {
  if (process.platform === 'win32' || ORDINARY_UNDER_VIEWS.some((ok) => isInsideFolder(absolute, ok)))
    return null
  return SYSTEM_VIEWS.find((root) => isInsideFolder(absolute, root)) ?? null
}
