import { readFileSync } from 'node:fs'

/**
 * The system GLib libraries whose presence in a process makes native sharp unsafe there: sharp's prebuilt
 * libvips carries its own GLib/GObject, and when a second copy is already mapped (the Electron binary links
 * the system one) the two interpose and the first decode floods stderr with GLib-GObject-CRITICAL lines or
 * crashes (sharp issues 4525 and 4351, electron issue 46323).
 */
const SYSTEM_GLIB = /\/lib(glib|gobject|gio)-2\.0\.so[.\d]*$/

/** The distinct GLib library files named in a /proc/<pid>/maps text. */
export function glibLibrariesIn(maps: string): string[] {
  const found = new Set<string>()
  for (const line of maps.split('\n')) {
    const file = line.slice(line.indexOf('/'))
    if (line.includes('/') && SYSTEM_GLIB.test(file)) found.add(file)
  }
  return [...found].sort()
}

/**
 * The system GLib libraries mapped into this process right now, read from /proc/self/maps. Empty where
 * that file does not exist (not Linux): there the clash cannot happen.
 */
export function glibLibrariesInThisProcess(readMaps: () => string = defaultReadMaps): string[] {
  let maps: string
  try {
    maps = readMaps()
  } catch {
    return []
  }
  return glibLibrariesIn(maps)
}

function defaultReadMaps(): string {
  return readFileSync('/proc/self/maps', 'utf8')
}
