// An Application as it would render at another revision (Argo CD's
// GetManifests --revision): the single source's targetRevision replaced. A
// multi-source app has one revision per source, so one revision cannot name
// them; it is refused rather than guessed. Pure.
import { type Application } from '@driftless/schema';

const MAX_REVISION_LENGTH = 255;

export function revisionProblem(revision: string): string | undefined {
  if (revision.length === 0 || revision.length > MAX_REVISION_LENGTH)
    return `revision must be 1 to ${MAX_REVISION_LENGTH} characters`;
  // A branch, tag, commit or chart version (a Helm constraint may hold spaces): never an option, never a control character.
  if (revision.startsWith('-') || /\p{Cc}/u.test(revision))
    return `revision "${revision.slice(0, 64)}" is not a branch, tag, commit or chart version`;
  return undefined;
}

export function withRevision(app: Application, revision: string | null): { app: Application } | { error: string } {
  if (revision === null || revision === '') return { app };
  const problem = revisionProblem(revision);
  if (problem) return { error: problem };
  if (app.spec.sources?.length)
    return { error: 'a revision applies to single-source applications; this one has several sources' };
  if (!app.spec.source) return { error: `application ${app.metadata.name ?? ''} has no source` };
  return { app: { ...app, spec: { ...app.spec, source: { ...app.spec.source, targetRevision: revision } } } };
}
