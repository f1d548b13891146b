import { Command, Option } from 'commander';
import { graphqlRequest } from '../../client/graphql-client';
import { addServerOptions, type ServerOptions } from '../../client/server-options';
import { outputOption, render, type OutputFormat } from '../../output';
import { applicationColumns, applicationFields, qualifiedName, type ApplicationView } from './application-fields';

interface ListOptions extends ServerOptions {
  project: string[];
  output: OutputFormat;
}

interface ApplicationsPage {
  applications: { edges: { node: ApplicationView }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

const pageQuery = `query ($after: String, $projects: [String!]) {
  applications(first: 500, after: $after, projects: $projects) {
    edges { node { ${applicationFields} } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** Every application, following the connection page by page. */
async function listAll(options: ListOptions): Promise<ApplicationView[]> {
  const applications: ApplicationView[] = [];
  let after: string | null = null;
  do {
    const page: ApplicationsPage = await graphqlRequest<ApplicationsPage>(options, pageQuery, {
      after,
      projects: options.project.length > 0 ? options.project : null,
    });
    applications.push(...page.applications.edges.map((edge) => edge.node));
    after = page.applications.pageInfo.hasNextPage ? page.applications.pageInfo.endCursor : null;
  } while (after);
  return applications;
}

export function appListCommand(): Command {
  const command = new Command('list')
    .description('list applications')
    .addOption(
      new Option('-p, --project <name>', 'only applications of this project (repeatable)')
        .argParser((value: string, previous: string[]) => [...previous, value])
        .default([]),
    )
    .addOption(outputOption());
  return addServerOptions(command).action(async (options: ListOptions) => {
    const applications = await listAll(options);
    process.stdout.write(
      render(
        { data: applications, rows: applications, columns: applicationColumns, name: qualifiedName },
        options.output,
      ),
    );
  });
}
