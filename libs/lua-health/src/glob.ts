// Glob matching as Argo CD applies it to `resource.customizations` keys
// (gobwas/glob without separators), shared with RBAC and the diff engine.
export { globMatch } from '@driftless/glob';

export function isGlobPattern(pattern: string): boolean {
  return /[*?[{]/.test(pattern);
}
