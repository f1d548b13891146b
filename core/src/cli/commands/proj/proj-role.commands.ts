// `driftless proj role …`: project roles, their policies and their tokens,
// through the server (Argo CD's command names, arguments and flags).
import { Command, Option } from 'commander';
import { graphqlRequest } from '../../client/graphql-client';
import { addServerOptions, type ServerOptions } from '../../client/server-options';
import { CliError } from '../../exit-codes';
import { outputOption, render, renderTable, type OutputFormat } from '../../output';
import { fetchProject, projectMutation, type ProjectRoleView, type ProjectTokenView } from './project-client';
import { durationSeconds, rolePolicyLine } from './project-flags';

const ROLE_PARAMETERS = '$project: String!, $role: ProjectRoleInput!';
const ROLE_CALL = 'project: $project, role: $role';

async function roleOf(options: ServerOptions, project: string, role: string): Promise<ProjectRoleView> {
  const found = (await fetchProject(options, project)).roles.find((candidate) => candidate.name === role);
  if (!found) throw new CliError(`project ${project} has no role ${role} — see driftless proj role list ${project}`);
  return found;
}

const roleInput = (role: ProjectRoleView) => ({
  name: role.name,
  description: role.description,
  policies: role.policies,
  groups: role.groups,
});

const time = (seconds: number | null): string => (seconds === null ? '<none>' : new Date(seconds * 1000).toISOString());

const tokenColumns = [
  { header: 'ID', value: (token: ProjectTokenView) => token.id ?? '' },
  { header: 'ISSUED-AT', value: (token: ProjectTokenView) => `${token.issuedAt} (${time(token.issuedAt)})` },
  { header: 'EXPIRES-AT', value: (token: ProjectTokenView) => time(token.expiresAt) },
];

function server(command: Command): Command {
  return addServerOptions(command);
}

function createCommand(): Command {
  return server(
    new Command('create')
      .description('create a project role')
      .argument('<project>')
      .argument('<role>')
      .option('--description <text>', 'role description'),
  ).action(async (project: string, role: string, options: ServerOptions & { description?: string }) => {
    await projectMutation(options, 'createProjectRole', ROLE_PARAMETERS, ROLE_CALL, {
      project,
      role: { name: role, description: options.description ?? null },
    });
    process.stdout.write(`Role '${role}' created\n`);
  });
}

function deleteCommand(): Command {
  return server(
    new Command('delete').description('delete a project role and its tokens').argument('<project>').argument('<role>'),
  ).action(async (project: string, role: string, options: ServerOptions) => {
    await projectMutation(options, 'deleteProjectRole', '$project: String!, $role: String!', ROLE_CALL, {
      project,
      role,
    });
    process.stdout.write(`Role '${role}' deleted\n`);
  });
}

function listCommand(): Command {
  return server(
    new Command('list').description('list the roles of a project').argument('<project>').addOption(outputOption()),
  ).action(async (project: string, options: ServerOptions & { output: OutputFormat }) => {
    const { roles } = await fetchProject(options, project);
    const columns = [
      { header: 'ROLE-NAME', value: (role: ProjectRoleView) => role.name },
      { header: 'DESCRIPTION', value: (role: ProjectRoleView) => role.description ?? '' },
    ];
    process.stdout.write(render({ data: roles, rows: roles, columns, name: (role) => role.name }, options.output));
  });
}

function getCommand(): Command {
  return server(
    new Command('get')
      .description('show a project role')
      .argument('<project>')
      .argument('<role>')
      .addOption(outputOption()),
  ).action(async (project: string, roleName: string, options: ServerOptions & { output: OutputFormat }) => {
    const role = await roleOf(options, project, roleName);
    if (options.output !== 'table' && options.output !== 'wide') {
      process.stdout.write(render({ data: role, rows: [role], columns: [], name: (row) => row.name }, options.output));
      return;
    }
    process.stdout.write(
      `Role Name:     ${role.name}\nDescription:   ${role.description ?? ''}\nPolicies:\n${role.policies.map((line) => `${line}\n`).join('')}` +
        `Groups:\n${role.groups.map((group) => `${group}\n`).join('')}JWT Tokens:\n${renderTable(role.tokens, tokenColumns)}`,
    );
  });
}

interface PolicyOptions extends ServerOptions {
  action: string;
  object: string;
  permission: string;
  resource: string;
}

function policyCommand(name: 'add-policy' | 'remove-policy'): Command {
  const command = new Command(name)
    .description(name === 'add-policy' ? 'add a policy to a project role' : 'remove a policy from a project role')
    .argument('<project>')
    .argument('<role>')
    .requiredOption('-a, --action <action>', 'action, e.g. get, sync, update')
    .requiredOption('-o, --object <object>', 'object inside the project, e.g. * or an application name')
    .addOption(new Option('-p, --permission <permission>', 'allow or deny').choices(['allow', 'deny']).default('allow'))
    .option('-r, --resource <resource>', 'resource, e.g. applications, repositories', 'applications');
  return server(command).action(async (project: string, roleName: string, options: PolicyOptions) => {
    const role = await roleOf(options, project, roleName);
    const line = rolePolicyLine(project, roleName, options);
    const policies =
      name === 'add-policy'
        ? [...role.policies.filter((policy) => policy !== line), line]
        : role.policies.filter((policy) => policy !== line);
    if (name === 'remove-policy' && policies.length === role.policies.length)
      throw new CliError(`role ${roleName} has no policy "${line}"`);
    await projectMutation(options, 'updateProjectRole', ROLE_PARAMETERS, ROLE_CALL, {
      project,
      role: { ...roleInput(role), policies },
    });
  });
}

function groupCommand(name: 'add-group' | 'remove-group'): Command {
  return server(
    new Command(name)
      .description(`${name === 'add-group' ? 'bind' : 'unbind'} an OIDC group to a project role`)
      .argument('<project>')
      .argument('<role>')
      .argument('<group>'),
  ).action(async (project: string, roleName: string, group: string, options: ServerOptions) => {
    const role = await roleOf(options, project, roleName);
    const groups = role.groups.filter((entry) => entry !== group);
    await projectMutation(options, 'updateProjectRole', ROLE_PARAMETERS, ROLE_CALL, {
      project,
      role: { ...roleInput(role), groups: name === 'add-group' ? [...groups, group] : groups },
    });
    process.stdout.write(`Group '${group}' ${name === 'add-group' ? 'added to' : 'removed from'} role '${roleName}'\n`);
  });
}

interface TokenOptions extends ServerOptions {
  expiresIn: number;
  id?: string;
  tokenOnly?: boolean;
}

function createTokenCommand(): Command {
  const command = new Command('create-token')
    .description('create a token for a project role (shown once)')
    .argument('<project>')
    .argument('<role>')
    .addOption(
      new Option('-e, --expires-in <duration>', 'lifetime, e.g. 12h or 7d; 0: never')
        .argParser(durationSeconds)
        .default(0),
    )
    .option('-i, --id <id>', 'token id (default: a random UUID)')
    .option('-t, --token-only', 'print only the token');
  return server(command).action(async (project: string, role: string, options: TokenOptions) => {
    const { createProjectToken: created } = await graphqlRequest<{
      createProjectToken: { token: string; id: string; issuedAt: number; expiresAt: number | null };
    }>(
      options,
      'mutation ($project: String!, $role: String!, $expiresIn: Int, $id: String) { createProjectToken(project: $project, role: $role, expiresIn: $expiresIn, id: $id) { token id issuedAt expiresAt } }',
      { project, role, expiresIn: options.expiresIn, id: options.id ?? null },
    );
    if (options.tokenOnly) {
      process.stdout.write(`${created.token}\n`);
      return;
    }
    process.stdout.write(
      `Create token succeeded for proj:${project}:${role}.\n  ID: ${created.id}\n  Issued At: ${time(created.issuedAt)}\n  Expires At: ${time(created.expiresAt)}\n  Token: ${created.token}\n`,
    );
  });
}

function deleteTokenCommand(): Command {
  return server(
    new Command('delete-token')
      .description('delete a project role token by its issued-at time or id; it stops working at once')
      .argument('<project>')
      .argument('<role>')
      .argument('<issued-at-or-id>', 'ISSUED-AT (seconds, see list-tokens) or the token id'),
  ).action(async (project: string, role: string, which: string, options: ServerOptions) => {
    const byTime = /^\d+$/.test(which);
    await graphqlRequest(
      options,
      'mutation ($project: String!, $role: String!, $id: String, $issuedAt: Int) { deleteProjectToken(project: $project, role: $role, id: $id, issuedAt: $issuedAt) }',
      { project, role, id: byTime ? null : which, issuedAt: byTime ? Number(which) : null },
    );
    process.stdout.write(`Token '${which}' of role '${role}' deleted\n`);
  });
}

function listTokensCommand(): Command {
  return server(
    new Command('list-tokens')
      .description('list the tokens of a project role (never the tokens themselves)')
      .argument('<project>')
      .argument('<role>')
      .addOption(outputOption()),
  ).action(async (project: string, roleName: string, options: ServerOptions & { output: OutputFormat }) => {
    const { tokens } = await roleOf(options, project, roleName);
    process.stdout.write(
      render(
        { data: tokens, rows: tokens, columns: tokenColumns, name: (token) => token.id ?? String(token.issuedAt) },
        options.output,
      ),
    );
  });
}

export function projRoleCommand(): Command {
  return new Command('role')
    .description('project roles and their tokens')
    .addCommand(createCommand())
    .addCommand(deleteCommand())
    .addCommand(listCommand())
    .addCommand(getCommand())
    .addCommand(policyCommand('add-policy'))
    .addCommand(policyCommand('remove-policy'))
    .addCommand(groupCommand('add-group'))
    .addCommand(groupCommand('remove-group'))
    .addCommand(createTokenCommand())
    .addCommand(deleteTokenCommand())
    .addCommand(listTokensCommand());
}
