// Self-heal timing from argocd-cmd-params-cm, under the keys Argo CD's
// controller reads (its --self-heal-* flags): back-off start, factor and cap,
// or the legacy fixed timeout when the back-off start is 0. Pure.
import { DEFAULT_SELF_HEAL, type SelfHealBackoff } from '../../sync/auto-sync';

function number(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return value !== undefined && value.trim() !== '' && Number.isFinite(parsed) && parsed >= 0 ? parsed : fallback;
}

export function selfHealBackoff(params: Record<string, string>): SelfHealBackoff {
  return {
    backoffSeconds: number(params['controller.self.heal.backoff.timeout.seconds'], DEFAULT_SELF_HEAL.backoffSeconds),
    factor: number(params['controller.self.heal.backoff.factor'], DEFAULT_SELF_HEAL.factor),
    capSeconds: number(params['controller.self.heal.backoff.cap.seconds'], DEFAULT_SELF_HEAL.capSeconds),
    timeoutSeconds: number(params['controller.self.heal.timeout.seconds'], DEFAULT_SELF_HEAL.timeoutSeconds),
  };
}
