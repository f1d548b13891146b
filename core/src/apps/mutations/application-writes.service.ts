// Creating, updating, patching and deleting Applications through the API, as
// Argo CD's API server does: RBAC on the stored object and on the object as
// it will be (a move to another project needs `update` in both: BI-RBAC-4),
// the project's rules checked before anything is written, only the editable
// parts (spec, labels, annotations, finalizers) ever taken from the client.
import { Injectable } from '@nestjs/common';
import { type Application } from '@driftless/schema';
import { badInput, forbidden } from '../../auth/graphql/auth-errors';
import { type AuthContext } from '../../auth/principal';
import { finalizersForDeletion, sameFinalizers, type PropagationPolicy } from '../operations/delete-finalizers';
import { ApplicationAccess, type AppTarget, type RbacCheck } from './application-access.service';
import {
  type ApplicationInputValue,
  InputProblem,
  applicationFromInput,
  assertOnlyEditableChanges,
  editablePartsOf,
  schemaProblem,
  withEditableParts,
} from './application-input';
import { storedAppRbacObject } from './application-rbac';
import { ApplicationStore, StaleWrite, retryOnStaleWrite } from './application-store.service';
import { ProjectRules } from './project-rules.service';

export type PatchType = 'merge' | 'json';

function parsePatch(text: string, type: PatchType): unknown {
  let patch: unknown;
  try {
    patch = JSON.parse(text);
  } catch {
    throw new InputProblem(`the ${type} patch is not valid JSON`);
  }
  if (type === 'json' && !Array.isArray(patch)) throw new InputProblem('a json patch is a JSON array of operations');
  if (type === 'merge' && (patch === null || typeof patch !== 'object' || Array.isArray(patch)))
    throw new InputProblem('a merge patch is a JSON object');
  return patch;
}

@Injectable()
export class ApplicationWrites {
  constructor(
    private readonly access: ApplicationAccess,
    private readonly store: ApplicationStore,
    private readonly rules: ProjectRules,
  ) {}

  /** Argo CD's Create: idempotent for an identical app, `upsert` to overwrite a different one. */
  async create(context: AuthContext, input: ApplicationInputValue, upsert: boolean): Promise<Application> {
    const { can } = await this.access.caller(context);
    const namespace = await this.access.namespaceOf({
      name: input.metadata.name,
      namespace: input.metadata.namespace ?? undefined,
    });
    const app = applicationFromInput(input, namespace);
    const name = input.metadata.name;
    if (!(await this.access.allowedFor(can, 'create', app.spec.project, namespace, name))) throw forbidden();
    await this.checkRules(app);
    return retryOnStaleWrite(async () => {
      const created = await this.store.create(app);
      if (created) return created;
      const existing = await this.store.get(namespace, name);
      if (!existing) throw new StaleWrite();
      if (!(await can('get', 'applications', storedAppRbacObject(existing, this.access.controlNamespace))))
        throw forbidden();
      if (JSON.stringify(editablePartsOf(existing)) === JSON.stringify(editablePartsOf(app))) return existing;
      if (!upsert) throw badInput('existing application spec is different, use upsert flag to force update');
      await this.requireUpdate(can, existing, app);
      return this.store.replace(withEditableParts(existing, editablePartsOf(app)));
    });
  }

  /** Argo CD's Update: spec, labels, annotations and finalizers replaced as given. */
  update(context: AuthContext, input: ApplicationInputValue): Promise<Application> {
    const target = { name: input.metadata.name, namespace: input.metadata.namespace ?? undefined };
    return this.rewrite(context, target, (stored, namespace) =>
      withEditableParts(stored, editablePartsOf(applicationFromInput(input, namespace))),
    );
  }

  updateSpec(context: AuthContext, target: AppTarget, spec: Record<string, unknown>): Promise<Application> {
    return this.rewrite(context, target, (stored) => ({ ...stored, spec: spec as unknown as Application['spec'] }));
  }

  /** A merge or JSON patch of the Application, computed by the Kubernetes API (dry run) and then checked. */
  patch(context: AuthContext, target: AppTarget, text: string, type: PatchType): Promise<Application> {
    const patch = parsePatch(text, type);
    const contentType = type === 'json' ? 'application/json-patch+json' : 'application/merge-patch+json';
    return this.rewrite(context, target, async (stored, namespace) => {
      const patched = await this.store.previewPatch(namespace, target.name, patch, contentType);
      // The dry run patched the object as it is now: if the controller wrote its status since it was read,
      // the comparison below would blame the client for that change. Read again instead.
      if (patched.metadata.resourceVersion !== stored.metadata.resourceVersion) throw new StaleWrite();
      assertOnlyEditableChanges(stored, patched);
      return withEditableParts(stored, editablePartsOf(patched));
    });
  }

  /** Argo CD's Delete: the resources finalizer says whether (and how) the controller deletes the app's resources first. */
  async delete(
    context: AuthContext,
    target: AppTarget,
    cascade: boolean | undefined,
    propagationPolicy: PropagationPolicy | undefined,
  ): Promise<boolean> {
    if (cascade === false && propagationPolicy !== undefined)
      throw badInput('cannot set propagation policy when cascading is disabled');
    return retryOnStaleWrite(async () => {
      const { app, namespace } = await this.access.authorize(context, 'delete', target);
      const current = app.metadata.finalizers ?? [];
      const wanted = finalizersForDeletion(current, {
        cascade: cascade ?? true,
        ...(propagationPolicy ? { propagationPolicy } : {}),
      });
      let resourceVersion = app.metadata.resourceVersion ?? '';
      if (!sameFinalizers(current, wanted)) {
        const patched = await this.store.patchIfUnchanged(namespace, target.name, resourceVersion, [
          { op: 'add', path: '/metadata/finalizers', value: wanted },
        ]);
        resourceVersion = patched.metadata.resourceVersion ?? '';
      }
      await this.store.delete(namespace, target.name, resourceVersion);
      return true;
    });
  }

  /** Read and authorize the stored app, compute the new one, check it, write it if the stored one is unchanged. */
  private rewrite(
    context: AuthContext,
    target: AppTarget,
    change: (stored: Application, namespace: string) => Application | Promise<Application>,
  ): Promise<Application> {
    return retryOnStaleWrite(async () => {
      const { app: stored, can, namespace } = await this.access.authorize(context, 'update', target);
      const next = await change(stored, namespace);
      const problem = schemaProblem(next);
      if (problem !== undefined) throw new InputProblem(problem);
      await this.requireUpdate(can, stored, next);
      await this.checkRules(next);
      return this.store.replace(next);
    });
  }

  /** `update` on the object as it will be too (the stored one was checked on reading it): a move needs both projects. */
  private async requireUpdate(can: RbacCheck, stored: Application, next: Application): Promise<void> {
    const namespace = stored.metadata.namespace ?? this.access.controlNamespace;
    const name = stored.metadata.name ?? '';
    if (!(await can('update', 'applications', storedAppRbacObject(stored, this.access.controlNamespace))))
      throw forbidden();
    if (!(await this.access.allowedFor(can, 'update', next.spec.project, namespace, name))) throw forbidden();
  }

  private async checkRules(app: Application): Promise<void> {
    const violations = await this.rules.violations(app);
    if (violations.length > 0)
      throw new InputProblem(`application spec for ${app.metadata.name ?? ''} is invalid: ${violations.join('; ')}`);
  }
}
