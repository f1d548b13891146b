// AppProjects over GraphQL and the CLI: the seed guide's project, with its role
// token ids never returned.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CustomObjectsApi } from '@kubernetes/client-node';
import { load } from 'js-yaml';
import { installArgoCrds } from '../support/argo-resources';
import { postGraphql } from '../support/graphql';
import { useKernelFixture } from '../support/kernel-fixture';
import { runCliInProcess } from '../support/run-cli';

const seedProject = join(__dirname, '..', '..', 'schema', 'testdata', 'seed', '13.1-appproject.yaml');

describe('projects', () => {
  const fixture = useKernelFixture({
    prepare: async (cluster, namespace) => {
      await installArgoCrds(cluster.connection.kubeConfig, namespace);
      const project = load(readFileSync(seedProject, 'utf8')) as {
        metadata: Record<string, unknown>;
        spec: Record<string, unknown>;
      };
      const roles = [
        {
          name: 'ci',
          policies: [
            `p, proj:${String(project.metadata.name)}:ci, applications, sync, ${String(project.metadata.name)}/*, allow`,
          ],
          jwtTokens: [{ iat: 1700000000, id: 'token-id-secret' }],
        },
      ];
      await cluster.connection.kubeConfig.makeApiClient(CustomObjectsApi).createNamespacedCustomObject({
        group: 'argoproj.io',
        version: 'v1alpha1',
        plural: 'appprojects',
        namespace,
        body: { ...project, metadata: { ...project.metadata, namespace }, spec: { ...project.spec, roles } },
      });
    },
  });

  it('lists the seed guide’s AppProject by allow-list', async () => {
    const { body } = await postGraphql<{
      projects: { name: string; sourceRepos: string[]; roles: string[]; destinations: unknown[] }[];
    }>(
      fixture.kernel.url,
      '{ projects { name description sourceRepos destinations { server name namespace } roles syncWindows } }',
    );
    expect(body.errors).toBeUndefined();
    const [project] = body.data!.projects;
    const seed = load(readFileSync(seedProject, 'utf8')) as {
      metadata: { name: string };
      spec: { sourceRepos: string[]; destinations: unknown[] };
    };
    expect(project?.name).toBe(seed.metadata.name);
    expect(project?.sourceRepos).toEqual(seed.spec.sourceRepos);
    expect(project?.destinations).toHaveLength(seed.spec.destinations.length);
    expect(project?.roles).toEqual(['ci']);
    expect(JSON.stringify(body)).not.toContain('token-id-secret');
  });

  it('prints them with driftless proj list', async () => {
    const { code, stdout } = await runCliInProcess(['proj', 'list', '--server', fixture.kernel.url, '-o', 'name']);
    expect(code).toBe(0);
    const seed = load(readFileSync(seedProject, 'utf8')) as { metadata: { name: string } };
    expect(stdout).toBe(`${seed.metadata.name}\n`);
    const table = await runCliInProcess(['proj', 'list', '--server', fixture.kernel.url]);
    expect(table.stdout.split('\n')[0]).toMatch(/^NAME\s+DESCRIPTION\s+DESTINATIONS\s+SOURCES$/);
  });
});
