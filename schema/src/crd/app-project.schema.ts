/** AppProject spec and status (inventory §6.1, sync windows §2.6). */
import { array, boolean, int64, mapOf, object, type OpenApiSchema, string, stringList } from './openapi';

const groupKind = (): OpenApiSchema => object({ group: string(), kind: string() }, { required: ['group', 'kind'] });
const groupKindName = (): OpenApiSchema =>
  object({ group: string(), kind: string(), name: string() }, { required: ['group', 'kind'] });

const jwtToken = (): OpenApiSchema => object({ iat: int64(), exp: int64(), id: string() }, { required: ['iat'] });

const syncWindow = (): OpenApiSchema =>
  object({
    kind: string('allow or deny'),
    schedule: string('Cron schedule (minute hour day-of-month month day-of-week)'),
    duration: string('How long the window stays open, as a Go duration, e.g. 1h'),
    applications: stringList(),
    namespaces: stringList(),
    clusters: stringList(),
    manualSync: boolean('Allow manual syncs while a deny window is active'),
    timeZone: string('IANA time zone of the schedule'),
    andOperator: boolean('Match applications AND namespaces AND clusters instead of OR'),
    description: string(),
    syncOverrun: boolean('Let a sync that started while allowed continue into a deny window'),
  });

export const appProjectSpec = (): OpenApiSchema =>
  object(
    {
      sourceRepos: stringList('Repository URLs (globs, "!" negates) applications may use'),
      destinations: array(
        object({ server: string(), namespace: string(), name: string() }),
        'Clusters and namespaces applications may deploy to (globs, "!" negates)',
      ),
      description: string(),
      roles: array(
        object(
          {
            name: string(),
            description: string(),
            policies: stringList('Casbin policy lines with subject proj:<project>:<role>'),
            jwtTokens: array(jwtToken()),
            groups: stringList('OIDC groups bound to this role'),
          },
          { required: ['name'] },
        ),
      ),
      clusterResourceWhitelist: array(groupKindName()),
      clusterResourceBlacklist: array(groupKindName()),
      namespaceResourceWhitelist: array(groupKind()),
      namespaceResourceBlacklist: array(groupKind()),
      orphanedResources: object({
        warn: boolean(),
        ignore: array(object({ group: string(), kind: string(), name: string() })),
      }),
      syncWindows: array(syncWindow()),
      signatureKeys: array(object({ keyID: string() }, { required: ['keyID'] })),
      sourceIntegrity: object({
        git: object({
          policies: array(
            object({
              repos: array(object({ url: string() })),
              gpg: object({ mode: string('none, head or strict'), keys: stringList() }),
            }),
          ),
        }),
      }),
      sourceNamespaces: stringList('Namespaces where applications of this project may live'),
      permitOnlyProjectScopedClusters: boolean(),
      destinationServiceAccounts: array(
        object(
          { server: string(), namespace: string(), defaultServiceAccount: string() },
          { required: ['defaultServiceAccount', 'server'] },
        ),
      ),
    },
    { description: 'What applications of the project may use and where they may deploy' },
  );

export const appProjectStatus = (): OpenApiSchema =>
  object({ jwtTokensByRole: mapOf(object({ items: array(jwtToken()) })) });
