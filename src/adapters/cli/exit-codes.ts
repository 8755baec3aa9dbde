/** The CLI's exit statuses, documented in its usage text and the README. */
export const EXIT = {
  /** Every planned day landed (or the command did what it was asked). */
  ok: 0,
  /** Some days failed, or the run itself failed (storage unreachable...). */
  failed: 1,
  /** Bad arguments or configuration: nothing was done. */
  usage: 2,
  /** Another ingestion (a scheduled one, another CLI) holds the lock: try again when it has finished. */
  busy: 3,
} as const;
