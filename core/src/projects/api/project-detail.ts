// An AppProject as the API shows it in full, by allow-list. Pure.
import { type AppProject } from '@driftless/schema';
import { type ProjectDetailModel } from './project-detail.model';
import { syncWindowFields } from '../sync-windows/sync-window.model';

export function toProjectDetail(project: AppProject): ProjectDetailModel {
  const roles = project.spec.roles ?? [];
  return {
    name: project.metadata.name ?? '',
    description: project.spec.description ?? null,
    spec: {
      ...project.spec,
      ...(project.spec.roles ? { roles: roles.map(({ jwtTokens: _tokens, ...role }) => role) } : {}),
    },
    roles: roles.map((role) => ({
      name: role.name,
      description: role.description ?? null,
      policies: role.policies ?? [],
      groups: role.groups ?? [],
      tokens: (role.jwtTokens ?? []).map((token) => ({
        id: token.id ?? null,
        issuedAt: token.iat,
        expiresAt: token.exp ?? null,
      })),
    })),
    syncWindows: (project.spec.syncWindows ?? []).map((window, id) => ({ id, ...syncWindowFields(window) })),
  };
}
