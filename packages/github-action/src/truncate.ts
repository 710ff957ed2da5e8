// Size limits. GitHub counts output sizes in UTF-16 (2 bytes per code unit): a job's outputs may
// total at most 1 MB, and a step summary at most 1 MiB. We stay well under both.

/** Longest `output` value, in UTF-16 code units (256 Ki units = 512 KiB as GitHub counts). */
export const OUTPUT_LIMIT = 256 * 1024;
/** Longest `error` value, in UTF-16 code units. */
export const ERROR_LIMIT = 16 * 1024;
/** Longest output preview in the job summary and the PR comment, in UTF-16 code units. */
export const PREVIEW_LIMIT = 16 * 1024;

export interface Truncated {
  text: string;
  truncated: boolean;
  /** Length of the original text, in UTF-16 code units. */
  originalLength: number;
}

/**
 * Cuts `text` to at most `limit` UTF-16 code units including the `note` appended when it is cut,
 * never splitting a surrogate pair.
 */
export function truncate(text: string, limit: number, note: (originalLength: number) => string): Truncated {
  if (text.length <= limit) return { text, truncated: false, originalLength: text.length };
  const suffix = note(text.length);
  let end = Math.max(0, limit - suffix.length);
  const last = text.charCodeAt(end - 1);
  if (end > 0 && last >= 0xd800 && last <= 0xdbff) end -= 1; // do not keep half a surrogate pair
  return { text: text.slice(0, end) + suffix, truncated: true, originalLength: text.length };
}

/** "1,234,567 characters" (UTF-16 code units, as GitHub counts). */
export function formatChars(units: number): string {
  return `${units.toLocaleString('en-US')} characters`;
}
