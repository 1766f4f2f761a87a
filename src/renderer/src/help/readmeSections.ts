import { marked } from 'marked'
import readme from '../../../../README.md?raw'

/** One "## " section of the README, as the help page shows it. */
export interface ReadmeSection {
  title: string
  /** The anchor GitHub gives the heading, so the same name works in both places. */
  slug: string
  markdown: string
}

const slugOf = (title: string): string =>
  title
    .toLowerCase()
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/\s+/g, '-')

/** The README's top-level sections, in order (the part before the first one is the introduction). */
export function readmeSections(text: string = readme): ReadmeSection[] {
  return text
    .split(/^## /m)
    .slice(1)
    .map((part) => {
      const newline = part.indexOf('\n')
      const title = part.slice(0, newline).trim()
      return { title, slug: slugOf(title), markdown: part.slice(newline + 1) }
    })
}

/**
 * A section as HTML. The text is the app's own README, bundled with it; pictures and links are kept as
 * their words, since inside the app they would lead nowhere.
 */
export function sectionHtml(section: ReadmeSection): string {
  const plain = section.markdown
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
  // Code and tables scroll sideways inside the dialog: focusable, so the keyboard can scroll them too.
  return marked
    .parse(plain, { async: false })
    .replace(/<pre>/g, '<pre tabindex="0">')
    .replace(/<table>/g, '<table tabindex="0">')
}
