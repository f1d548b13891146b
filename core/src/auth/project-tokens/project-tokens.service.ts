// Project role tokens: minted for a role and recorded in it (iat, exp, id),
// accepted only while the role still lists them. Verification reads the
// AppProject from the API server on every request, so deleting a token (or
// its role, or the project) stops it at once on every replica.
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ArgocdSecretStore } from '../accounts/argocd-secret.store';
import { SERVER_SECRET_KEY } from '../accounts/initial-admin.service';
import { type Principal } from '../principal';
import { ProjectStore } from '../../projects/api/project-store.service';
import { ProjectInputProblem, withoutToken, withToken } from '../../projects/api/project-spec';
import { ProjectWrites } from '../../projects/api/project-writes.service';
import {
  PROJECT_TOKEN_ISSUER,
  type ProjectTokenClaims,
  projectSubject,
  recordedToken,
  signProjectToken,
  tokenRecord,
  verifyProjectToken,
} from './project-token';

const TOKEN_ID = /^[a-zA-Z0-9][-_.a-zA-Z0-9]{0,62}$/;

export interface IssuedProjectToken {
  token: string;
  claims: ProjectTokenClaims;
}

@Injectable()
export class ProjectTokens {
  constructor(
    private readonly secret: ArgocdSecretStore,
    private readonly projects: ProjectStore,
    private readonly writes: ProjectWrites,
  ) {}

  /** createProjectToken: projects, update on the project, as Argo CD. */
  async issue(
    principal: Principal,
    project: string,
    role: string,
    expiresInSeconds: number,
    id: string | undefined,
  ): Promise<IssuedProjectToken> {
    if (!Number.isInteger(expiresInSeconds) || expiresInSeconds < 0)
      throw new ProjectInputProblem('expiresIn must be 0 (never) or a number of seconds');
    const tokenId = id ?? randomUUID();
    if (!TOKEN_ID.test(tokenId))
      throw new ProjectInputProblem('id must be letters, digits, "-", "_" or "." (at most 63)');
    const issuedAt = Math.floor(Date.now() / 1000);
    const claims: ProjectTokenClaims = {
      project,
      role,
      id: tokenId,
      issuedAt,
      expiresAt: expiresInSeconds > 0 ? issuedAt + expiresInSeconds : undefined,
    };
    await this.writes.change(principal, project, (stored) => withToken(stored, role, tokenRecord(claims)));
    return { token: await signProjectToken(await this.signingKey(), claims), claims };
  }

  /** deleteProjectToken: projects, update; the token is refused from the next request on. */
  async revoke(
    principal: Principal,
    project: string,
    role: string,
    token: { id?: string; iat?: number },
  ): Promise<void> {
    await this.writes.change(principal, project, (stored) => withoutToken(stored, role, token));
  }

  /**
   * The principal of a valid project token; `{ reason }` for a project token
   * that is not (any more); undefined when `token` is not a project token.
   */
  async verify(token: string): Promise<{ principal: Principal } | { reason: string } | undefined> {
    const checked = await verifyProjectToken(await this.signingKey(), token);
    if (checked === undefined) return undefined;
    if (!checked.valid) return { reason: checked.reason };
    const { claims } = checked;
    const project = await this.projects.get(claims.project);
    const role = project?.spec.roles?.find((candidate) => candidate.name === claims.role);
    if (!recordedToken(role, claims)) return { reason: 'project token deleted, or its role or project' };
    const subject = projectSubject(claims.project, claims.role);
    return {
      principal: {
        username: subject,
        issuer: PROJECT_TOKEN_ISSUER,
        groups: [],
        capability: 'apiKey',
        tokenId: claims.id,
        expiresAt: claims.expiresAt,
        // RBAC checks `proj:<project>:<role>` inside its own project only (rbac/enforcer.ts).
        claims: { iss: PROJECT_TOKEN_ISSUER, sub: subject, jti: claims.id, iat: claims.issuedAt },
      },
    };
  }

  private async signingKey(): Promise<Uint8Array> {
    const key = (await this.secret.values())[SERVER_SECRET_KEY];
    if (!key) throw new Error(`argocd-secret has no ${SERVER_SECRET_KEY}`);
    return new TextEncoder().encode(key);
  }
}
