// The one error type callers see. `message` is exactly what Go (or Helm, in
// Helm mode) prints; `code` is a stable name to search for.

export type TemplateErrorCode = 'TEMPLATE_PARSE_ERROR' | 'TEMPLATE_EXEC_ERROR' | 'TEMPLATE_LIMIT_EXCEEDED';

export class TemplateError extends Error {
  constructor(
    message: string,
    readonly code: TemplateErrorCode,
    /** Template (file) name the location refers to. */
    readonly templateName: string,
    /** 1-based line, when known. */
    readonly line: number | null,
    /** 0-based byte column within the line, as Go reports it (execution errors only). */
    readonly column: number | null,
  ) {
    super(message);
    this.name = 'TemplateError';
  }
}
