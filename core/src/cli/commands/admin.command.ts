// `driftless admin …`: offline tools that need no server, mirroring `argocd admin`.
import { Command } from 'commander';

export function adminCommand(): Command {
  return new Command('admin').description('offline tools that need no server');
}
