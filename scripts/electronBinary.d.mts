export function electronBinaryPath(): string | null
export function missingBinaryReason(downloadError?: string | null): string
export function desktopUnavailableSentence(reason: string): string
export function downloadErrorOf(output: string): string | null
export function rememberMissingReason(reason: string): void
export function rememberedMissingReason(): string | null
