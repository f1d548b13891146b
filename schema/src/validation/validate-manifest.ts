/** Validates the text of a manifest file: multi-document YAML, as kubectl reads it. */
import { isScalar, LineCounter, parseAllDocuments, visit, type Document } from 'yaml';
import { formatPath } from './json-path';
import { checkResource } from './resource-checks';
import type { ValidationIssue } from './validation-issue';
import { lineOf } from './yaml-locator';

/**
 * YAML 1.1 like Kubernetes (sigs.k8s.io/yaml): `yes`/`no`/`on`/`off` are booleans. Timestamps stay
 * strings, as they do when Kubernetes decodes into JSON.
 */
const parseOptions: Parameters<typeof parseAllDocuments>[1] = {
  version: '1.1',
  customTags: (tags) => tags.filter((tag) => typeof tag === 'string' || tag.tag !== 'tag:yaml.org,2002:timestamp'),
};

/**
 * Parses every YAML document in `text` and validates each non-empty one with the checks of
 * validateResource. YAML syntax errors are reported with their line; a document with a syntax
 * error is not validated further. Issues come sorted by document, then line.
 */
export function validateManifestText(text: string, fileName: string): ValidationIssue[] {
  const lines = new LineCounter();
  const documents = parseAllDocuments(text, { ...parseOptions, lineCounter: lines, prettyErrors: false });
  if (!Array.isArray(documents)) return []; // an empty stream
  const lastLine = text.trimEnd().split('\n').length;
  return documents.flatMap((document, index) =>
    validateDocument(document, index + 1, fileName, lines).map((issue) =>
      // yaml reports some errors (an unclosed bracket) at the very end of the input.
      issue.line !== undefined && issue.line > lastLine ? { ...issue, line: lastLine } : issue,
    ),
  );
}

function validateDocument(
  document: Document.Parsed,
  number: number,
  file: string,
  lines: LineCounter,
): ValidationIssue[] {
  if (document.errors.length > 0) {
    return document.errors.map((yamlError) => ({
      file,
      document: number,
      line: lines.linePos(yamlError.pos[0]).line,
      path: '',
      severity: 'error' as const,
      message: `YAML syntax error: ${firstLine(yamlError.message)}`,
    }));
  }
  // Only comments, a stray '---' or an explicit null: kubectl skips such documents too.
  if (document.contents === null || (isScalar(document.contents) && document.contents.value === null)) return [];
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 1000 });
  } catch (cause) {
    // An alias without its anchor (anchors do not carry over between documents), or alias bombs.
    const reason = cause instanceof Error ? cause.message : String(cause);
    const line = lines.linePos(unresolvedAliasOffset(document) ?? document.range[0]).line;
    return [{ file, document: number, line, path: '', severity: 'error', message: `YAML error: ${firstLine(reason)}` }];
  }
  return checkResource(value)
    .map(({ path, message, severity }) => {
      const line = lineOf(document, path, lines);
      return {
        file,
        document: number,
        ...(line === undefined ? {} : { line }),
        path: formatPath(path),
        severity,
        message,
      };
    })
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

function unresolvedAliasOffset(document: Document.Parsed): number | undefined {
  let offset: number | undefined;
  visit(document, {
    Alias(_key, alias) {
      if (alias.resolve(document) !== undefined) return undefined;
      offset = alias.range?.[0];
      return visit.BREAK;
    },
  });
  return offset;
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.trim() ?? message;
}
