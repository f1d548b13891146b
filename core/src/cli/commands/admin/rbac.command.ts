// `driftless admin settings rbac can|validate`: Argo CD's offline RBAC tools
// (`argocd admin settings rbac …`) over a local argocd-rbac-cm ConfigMap
// YAML or policy CSV file.
import { readFile } from 'node:fs/promises';
import { Command, InvalidArgumentError } from 'commander';
import {
  PROJECT_SCOPED_RESOURCES,
  type PolicyIssue,
  RbacPolicyError,
  type RbacConfig,
  createRbacEnforcer,
  formatPolicyIssue,
  literalActionProblem,
  rbacConfigFromFileText,
  resolveResourceAlias,
  validatePolicy,
} from '../../../rbac';
import { CliError, ExitCode } from '../../exit-codes';

export function rbacCommand(): Command {
  return new Command('rbac')
    .description('validate and test RBAC policy (argocd-rbac-cm) offline')
    .addCommand(canCommand())
    .addCommand(validateRbacCommand());
}

interface CanOptions {
  policyFile: string;
  defaultRole?: string;
  useBuiltinPolicy: boolean;
  strict: boolean;
  quiet?: boolean;
}

function canCommand(): Command {
  return new Command('can')
    .description('check whether a role or subject may do an action on a resource: prints Yes (exit 0) or No (exit 1)')
    .argument('<subject>', 'role or subject, e.g. role:readonly or alice')
    .argument('<action>', 'e.g. get, sync, update/apps/Deployment/prod/web')
    .argument('<resource>', 'e.g. applications (short names such as app, repo, cert work too)')
    .argument('[subresource]', 'the object, e.g. default/guestbook; project-scoped resources default to */*')
    .requiredOption('--policy-file <file>', 'argocd-rbac-cm ConfigMap YAML or policy CSV')
    .option('--default-role <role>', 'default role, overriding policy.default from the file')
    .option(
      '--use-builtin-policy [bool]',
      'also use the built-in roles (--use-builtin-policy=false to leave them out)',
      parseBool,
      true,
    )
    .option(
      '--strict [bool]',
      'reject unknown resource and action names (--strict=false to allow them)',
      parseBool,
      true,
    )
    .option('-q, --quiet', 'print nothing; answer with the exit code only')
    .action(
      async (
        subject: string,
        action: string,
        resource: string,
        subresource: string | undefined,
        options: CanOptions,
      ) => {
        const file = options.policyFile;
        const config = rbacConfigFromFileText(await readPolicyFile(file), file);
        const realResource = resolveResourceAlias(resource);
        if (options.strict) {
          const problem = literalActionProblem(realResource, action);
          if (problem !== undefined) throw new CliError(`error in RBAC request: ${problem}`, ExitCode.usage);
        }
        // As Argo CD: no object (or "*") on a project-scoped resource means any object in any project.
        const object =
          PROJECT_SCOPED_RESOURCES.has(realResource) && (subresource === undefined || subresource === '*')
            ? '*/*'
            : (subresource ?? '');
        // An empty --default-role keeps policy.default, as in Argo CD.
        const defaultRole =
          options.defaultRole === undefined || options.defaultRole === '' ? config.defaultRole : options.defaultRole;
        const effective: RbacConfig = { ...config, defaultRole };
        const enforcer = await createRbacEnforcer(effective, {
          ...(options.useBuiltinPolicy ? {} : { builtinPolicy: false as const }),
          validateObjectNames: false,
        }).catch((error: unknown) => {
          if (error instanceof RbacPolicyError)
            throw new CliError(`invalid user policy: ${error.issues.map(formatPolicyIssue).join('; ')}`);
          throw error;
        });
        const allowed = await enforcer.can(subject, action, realResource, object);
        if (!options.quiet) process.stdout.write(allowed ? 'Yes\n' : 'No\n');
        // "No" on stdout is the whole answer; the exit code lets scripts branch on it.
        if (!allowed) throw new CliError('', ExitCode.failed);
      },
    );
}

function validateRbacCommand(): Command {
  return new Command('validate')
    .description('check RBAC policy: syntax, resources, actions and effects, with the line of each problem')
    .requiredOption('--policy-file <file>', 'argocd-rbac-cm ConfigMap YAML or policy CSV')
    .action(async (options: { policyFile: string }) => {
      const file = options.policyFile;
      const config = rbacConfigFromFileText(await readPolicyFile(file), file);
      if (config.policy.every((source) => source.csv.trim() === ''))
        throw new CliError('Policy is empty or could not be loaded.');
      const result = validatePolicy(config.policy, config.matchMode);
      const issues: PolicyIssue[] = [...config.issues, ...result.issues];
      for (const warning of issues.filter((issue) => issue.severity === 'warning'))
        process.stderr.write(`warning: ${formatPolicyIssue(warning)}\n`);
      const errors = issues.filter((issue) => issue.severity === 'error');
      if (errors.length === 0) {
        process.stdout.write('Policy is valid.\n');
        return;
      }
      const count = `${errors.length} problem${errors.length === 1 ? '' : 's'}`;
      process.stdout.write(
        `Policy is invalid: ${count}\n${errors.map((issue) => `${formatPolicyIssue(issue)}\n`).join('')}`,
      );
      throw new CliError(`${count} in ${file}`, ExitCode.failed);
    });
}

async function readPolicyFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(
      `could not read policy file ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      ExitCode.usage,
    );
  }
}

/** Booleans as Go's strconv.ParseBool reads them (the flags mirror Argo CD's `--flag=false`). */
function parseBool(value: string): boolean {
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(value)) return false;
  throw new InvalidArgumentError(`expected true or false (write --flag=false), not ${JSON.stringify(value)}`);
}
