// Maps an AppProject to its API model by allow-list (no role tokens or policies).
import { type AppProject } from '@driftless/schema';
import { type ProjectModel } from './api/project.model';

export function toProjectModel(project: AppProject): ProjectModel {
  const { spec, metadata } = project;
  return {
    name: metadata.name ?? '',
    description: spec.description ?? null,
    sourceRepos: spec.sourceRepos ?? [],
    destinations: (spec.destinations ?? []).map((destination) => ({
      server: destination.server ?? null,
      name: destination.name ?? null,
      namespace: destination.namespace ?? null,
    })),
    roles: (spec.roles ?? []).map((role) => role.name),
    syncWindows: spec.syncWindows?.length ?? 0,
  };
}
