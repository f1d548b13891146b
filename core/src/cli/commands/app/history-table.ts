// `argocd app history`'s table: one block per source repository, headed
// `SOURCE <repoURL>`, with ID, DATE and REVISION — the target revision and,
// when the entry recorded one, the first 7 characters of the resolved
// revision in parentheses. Pure.
import { type RevisionHistory } from '@driftless/schema';
import { renderTable, type Column } from '../../output';

interface HistoryRow {
  id: string;
  date: string;
  revision: string;
}

const SHORT_REVISION = 7;

function revisionText(targetRevision: string | undefined, resolved: string | undefined): string {
  const target = targetRevision ?? '';
  if (!resolved || resolved.length < SHORT_REVISION) return target;
  return `${target} (${resolved.slice(0, SHORT_REVISION)})`.trimStart();
}

const columns: Column<HistoryRow>[] = [
  { header: 'ID', value: (row) => row.id },
  { header: 'DATE', value: (row) => row.date },
  { header: 'REVISION', value: (row) => row.revision },
];

/** Rows per source repository, in the order the repositories first appear. */
export function historyBySource(history: readonly RevisionHistory[]): Map<string, HistoryRow[]> {
  const bySource = new Map<string, HistoryRow[]>();
  const add = (repoURL: string, row: HistoryRow): void => {
    bySource.set(repoURL, [...(bySource.get(repoURL) ?? []), row]);
  };
  for (const entry of history) {
    const base = { id: String(entry.id), date: entry.deployedAt };
    if (entry.sources?.length) {
      entry.sources.forEach((source, index) => {
        const resolved = entry.revisions?.length === entry.sources?.length ? entry.revisions?.[index] : undefined;
        add(source.repoURL, { ...base, revision: revisionText(source.targetRevision, resolved) });
      });
    } else {
      add(entry.source?.repoURL ?? '', {
        ...base,
        revision: revisionText(entry.source?.targetRevision, entry.revision),
      });
    }
  }
  return bySource;
}

export function renderHistoryTable(history: readonly RevisionHistory[]): string {
  return [...historyBySource(history)]
    .map(([repoURL, rows]) => `SOURCE  ${repoURL}\n${renderTable(rows, columns)}`)
    .join('\n');
}
