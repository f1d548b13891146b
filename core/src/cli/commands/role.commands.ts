// `driftless server | controller | repo-server | start`: run kernel roles.
import { Command, InvalidArgumentError, Option } from 'commander';
import { loadConfig } from '../../config/config.schema';
import { resolveControlPlane } from '../../kernel/control-plane';
import { type Role } from '../../kernel/roles';
import { startKernel, type RunningKernel } from '../../kernel/start-kernel';
import { assertRedisReachable } from '../../redis/redis-preflight';
import { GRAPHQL_PATH } from '../../api/api.module';
import { stopOnSignal } from '../stop-on-signal';

interface RoleOptions {
  address?: string;
  port?: number;
}

const roleCommands: { name: string; roles: Role[]; description: string }[] = [
  {
    name: 'start',
    roles: ['server', 'controller', 'repo-server'],
    description: 'run every role in one process (API on 127.0.0.1:8080 by default)',
  },
  { name: 'server', roles: ['server'], description: 'run the API server: GraphQL API, probes and metrics (port 8080)' },
  {
    name: 'controller',
    roles: ['controller'],
    description: 'run the application controller (probes and metrics on port 8082)',
  },
  {
    name: 'repo-server',
    roles: ['repo-server'],
    description: 'run the manifest-generation worker (probes and metrics on port 8084)',
  },
];

export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new InvalidArgumentError('must be a port number from 0 to 65535');
  return port;
}

export function roleCommandList(): Command[] {
  return roleCommands.map(({ name, roles, description }) =>
    new Command(name)
      .description(description)
      .addOption(new Option('--address <host>', 'address to listen on').env('DRIFTLESS_ADDRESS'))
      .addOption(new Option('--port <port>', 'port to listen on (0 picks a free one)').argParser(parsePort))
      .action(async (options: RoleOptions) => runRoles(roles, options)),
  );
}

async function runRoles(roles: Role[], options: RoleOptions): Promise<void> {
  const config = loadConfig();
  // Redis first: no point starting an embedded cluster when the kernel cannot run.
  await assertRedisReachable(config.redisUrl);
  const controlPlane = await resolveControlPlane(config);
  let kernel: RunningKernel;
  try {
    kernel = await startKernel({
      config,
      cluster: controlPlane.connection,
      roles,
      ...(options.address !== undefined && { address: options.address }),
      ...(options.port !== undefined && { port: options.port }),
    });
  } catch (error) {
    await controlPlane.stop();
    throw error;
  }
  const lines = [`${roles.join(', ')} listening on ${kernel.url}`];
  if (roles.includes('server')) lines.push(`GraphQL API: ${kernel.url}${GRAPHQL_PATH}`);
  lines.push(...controlPlane.describe(kernel.kubernetesVersion));
  if (roles.includes('server') && controlPlane.connection.source === 'embedded')
    lines.push(...loginHint(kernel.url, config.namespace));
  process.stderr.write(lines.map((line) => `driftless: ${line}\n`).join(''));
  stopOnSignal(async () => {
    await kernel.stop();
    await controlPlane.stop();
  });
}

/** Local mode: where the generated admin password is, and how to log in with it. */
function loginHint(url: string, namespace: string): string[] {
  return [
    `admin password: kubectl -n ${namespace} get secret argocd-initial-admin-secret -o jsonpath='{.data.password}' | base64 -d`,
    `log in: driftless login ${url.replace(/^http:\/\//, '')} --plaintext --username admin`,
  ];
}
