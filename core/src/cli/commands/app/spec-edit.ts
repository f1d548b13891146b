// The decisions of `app edit`'s editor loop, as Argo CD's and kubectl's edit
// make them: which editor runs, what a saved file means (no change, invalid
// YAML, a new spec), and how an error goes back to the user (as `# ` comment
// lines above their text, dropped again before the next try). Pure.
import { isDeepStrictEqual } from 'node:util';
import { dump } from 'js-yaml';
import { parseDocument } from 'yaml';

/** KUBE_EDITOR, then EDITOR, then vi (Argo CD's and kubectl's order); run through `sh -c`, so it may carry flags. */
export function editorCommand(env: NodeJS.ProcessEnv): string {
  return env['KUBE_EDITOR']?.trim() || env['EDITOR']?.trim() || 'vi';
}

export function specAsYaml(spec: Record<string, unknown>): string {
  return dump(spec, { noRefs: true, lineWidth: -1 });
}

/** The error as comment lines above the text the user saved. */
export function withErrorComment(text: string, error: string): string {
  const comment = error
    .split('\n')
    .map((line) => `# ${line}`.trimEnd())
    .join('\n');
  return `${comment}\n${text}`;
}

/** The text without the comment block at its top (the previous error). */
export function withoutLeadingComments(text: string): string {
  const lines = text.split('\n');
  const first = lines.findIndex((line) => !line.trimStart().startsWith('#'));
  return first < 0 ? '' : lines.slice(first).join('\n');
}

export type EditOutcome =
  /** Nothing to write; the command ends well. */
  | { kind: 'cancelled'; message: string }
  /** The user saved the erroneous file unchanged: give up with the error. */
  | { kind: 'abandoned'; error: string }
  /** The file is not a spec: reopen it with this error on top. */
  | { kind: 'invalid'; error: string }
  | { kind: 'changed'; spec: Record<string, unknown> };

export interface SavedEdit {
  /** What the editor was given. */
  written: string;
  /** What the user saved. */
  saved: string;
  /** The spec as stored, to tell a real change from a reformatting. */
  original: Record<string, unknown>;
  /** The error shown on top of `written`, if this is a retry. */
  pendingError?: string | undefined;
}

export const NO_CHANGES = 'Edit cancelled, no changes made.';

export function judgeEdit({ written, saved, original, pendingError }: SavedEdit): EditOutcome {
  if (saved === written)
    return pendingError === undefined
      ? { kind: 'cancelled', message: NO_CHANGES }
      : { kind: 'abandoned', error: pendingError };
  const document = parseDocument(saved);
  if (document.errors.length > 0) {
    const [first] = document.errors;
    return { kind: 'invalid', error: `invalid YAML: ${first?.message ?? 'unreadable'}` };
  }
  const spec: unknown = document.toJS();
  if (spec === null || spec === undefined)
    return { kind: 'cancelled', message: 'Edit cancelled, saved file was empty.' };
  if (typeof spec !== 'object' || Array.isArray(spec))
    return {
      kind: 'invalid',
      error: "the file must hold the application's spec as a YAML mapping (project, source, …)",
    };
  if (isDeepStrictEqual(spec, original)) return { kind: 'cancelled', message: NO_CHANGES };
  return { kind: 'changed', spec: spec as Record<string, unknown> };
}
