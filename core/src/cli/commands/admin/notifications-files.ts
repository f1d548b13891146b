// Reading the files `driftless admin notifications …` works on: argocd-notifications-cm and
// argocd-notifications-secret as YAML (or JSON) manifests — the Secret's `data` base64-decoded,
// `stringData` as is — and the Application. Without --config-map the built-in catalog is used.
import { readFile } from 'node:fs/promises';
import { parseAllDocuments } from 'yaml';
import { catalogConfigMapData } from '../../../notifications/catalog/catalog-templates';
import { parseNotificationConfig, type NotificationConfig } from '../../../notifications/config/notification-config';
import { CliError, ExitCode } from '../../exit-codes';

interface Manifest {
  kind?: string;
  metadata?: { name?: string };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

async function readManifest(file: string, kind: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      ExitCode.usage,
    );
  }
  const documents = parseAllDocuments(text);
  const manifests = (Array.isArray(documents) ? documents : [documents])
    .map((document) => document.toJS({ maxAliasCount: 16 }) as Manifest | null)
    .filter((document): document is Manifest => document !== null && typeof document === 'object');
  const found =
    manifests.find((manifest) => manifest.kind === kind) ?? (manifests.length === 1 ? manifests[0] : undefined);
  if (!found) throw new CliError(`${file} holds no ${kind}`, ExitCode.usage);
  return found;
}

export async function readNotificationConfig(configMapFile?: string, secretFile?: string): Promise<NotificationConfig> {
  const data = configMapFile ? ((await readManifest(configMapFile, 'ConfigMap')).data ?? {}) : catalogConfigMapData();
  let secretData: Record<string, string> = {};
  if (secretFile) {
    const secret = await readManifest(secretFile, 'Secret');
    secretData = {
      ...Object.fromEntries(
        Object.entries(secret.data ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64').toString('utf8')]),
      ),
      ...secret.stringData,
    };
  }
  const config = parseNotificationConfig(data, secretData);
  for (const problem of config.problems) process.stderr.write(`warning: ${problem.key}: ${problem.message}\n`);
  return config;
}

export async function readApplication(file: string): Promise<Record<string, unknown>> {
  const app = await readManifest(file, 'Application');
  return app as Record<string, unknown>;
}
