/** The text of a thrown value, for a message on screen: an Error's message, anything else as a string. */
export const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err))
