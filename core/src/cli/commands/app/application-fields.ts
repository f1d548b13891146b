// The application fields client commands ask for, and how they print.
import { type Column } from '../../output';

export const applicationFields = `name namespace project autoSync syncStatus healthStatus createdAt
  sources { repoURL path targetRevision chart ref }
  destination { server name namespace }`;

export interface ApplicationView {
  name: string;
  namespace: string;
  project: string;
  autoSync: boolean;
  syncStatus: string | null;
  healthStatus: string | null;
  createdAt: string | null;
  sources: {
    repoURL: string;
    path: string | null;
    targetRevision: string | null;
    chart: string | null;
    ref: string | null;
  }[];
  destination: { server: string | null; name: string | null; namespace: string | null };
}

const primarySource = (app: ApplicationView): ApplicationView['sources'][number] | undefined => app.sources[0];

export const qualifiedName = (app: ApplicationView): string => `${app.namespace}/${app.name}`;

/** The columns of `argocd app list`, in its order. */
export const applicationColumns: Column<ApplicationView>[] = [
  { header: 'NAME', value: qualifiedName },
  { header: 'CLUSTER', value: (app) => app.destination.server ?? app.destination.name ?? '' },
  { header: 'NAMESPACE', value: (app) => app.destination.namespace ?? '' },
  { header: 'PROJECT', value: (app) => app.project },
  { header: 'STATUS', value: (app) => app.syncStatus ?? 'Unknown' },
  { header: 'HEALTH', value: (app) => app.healthStatus ?? 'Unknown' },
  { header: 'SYNCPOLICY', value: (app) => (app.autoSync ? 'Auto' : 'Manual') },
  { header: 'REPO', value: (app) => primarySource(app)?.repoURL ?? '', wide: true },
  { header: 'PATH', value: (app) => primarySource(app)?.path ?? primarySource(app)?.chart ?? '', wide: true },
  { header: 'TARGET', value: (app) => primarySource(app)?.targetRevision ?? '', wide: true },
];

/** `argocd app get`-style key/value lines. */
export function describeApplication(app: ApplicationView): string {
  const rows: [string, string][] = [
    ['Name', qualifiedName(app)],
    ['Project', app.project],
    ['Server', app.destination.server ?? app.destination.name ?? ''],
    ['Namespace', app.destination.namespace ?? ''],
  ];
  app.sources.forEach((source, index) => {
    const label = app.sources.length > 1 ? ` (source ${index + 1})` : '';
    rows.push([`Repo${label}`, source.repoURL]);
    rows.push([`Target${label}`, source.targetRevision ?? '']);
    rows.push([source.chart ? `Chart${label}` : `Path${label}`, source.chart ?? source.path ?? '']);
    if (source.ref) rows.push([`Ref${label}`, source.ref]);
  });
  rows.push(['Sync Policy', app.autoSync ? 'Automated' : 'Manual']);
  rows.push(['Sync Status', app.syncStatus ?? 'Unknown']);
  rows.push(['Health Status', app.healthStatus ?? 'Unknown']);
  const width = Math.max(...rows.map(([key]) => key.length)) + 2;
  return rows.map(([key, value]) => `${`${key}:`.padEnd(width)}${value}\n`).join('');
}
