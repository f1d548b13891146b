// An ApplicationSet as the API shows it: by allow-list, so generator
// parameters (which may hold values users consider private) and whatever a
// newer controller writes stay out. Pure.
import { type ApplicationSet } from '@driftless/schema';
import { type ApplicationSetModel } from './application-set.model';

/** Argo CD's RBAC object of an ApplicationSet: `<template project>/<name>` (with its namespace when outside). */
export function applicationSetRbacObject(appSet: ApplicationSet, controlNamespace: string): string {
  const project = appSet.spec.template?.spec?.project || 'default';
  const namespace = appSet.metadata.namespace ?? controlNamespace;
  const name = appSet.metadata.name ?? '';
  return namespace === controlNamespace ? `${project}/${name}` : `${project}/${namespace}/${name}`;
}

export function toApplicationSetModel(appSet: ApplicationSet): ApplicationSetModel {
  const { spec, status, metadata } = appSet;
  return {
    name: metadata.name ?? '',
    namespace: metadata.namespace ?? '',
    project: spec.template?.spec?.project || 'default',
    generators: (spec.generators ?? []).map((generator) => Object.keys(generator).sort().join('+') || 'unknown'),
    goTemplate: spec.goTemplate === true,
    applicationsSync: spec.syncPolicy?.applicationsSync ?? null,
    preserveResourcesOnDeletion: spec.syncPolicy?.preserveResourcesOnDeletion === true,
    strategy: spec.strategy?.type ?? null,
    conditions: (status?.conditions ?? []).map((condition) => ({
      type: condition.type,
      status: condition.status,
      message: condition.message,
      lastTransitionTime: condition.lastTransitionTime ?? null,
    })),
    resources: (status?.resources ?? []).map((resource) => ({
      name: resource.name ?? '',
      namespace: resource.namespace ?? null,
      syncStatus: resource.status ?? null,
      healthStatus: resource.health?.status ?? null,
    })),
    resourcesCount: status?.resourcesCount ?? status?.resources?.length ?? 0,
  };
}
