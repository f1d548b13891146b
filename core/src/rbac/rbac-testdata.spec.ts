// Runs every case under testdata/: a folder holds the policy (policy.csv or an
// argocd-rbac-cm.yaml), optional AppProjects (projects.yaml), and cases.yaml
// with queries and the expected answers, and/or the expected validation issues.
// Add a case by adding a folder.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { type RbacClaims, type RbacProject, createRbacEnforcer, rbacConfigFromFileText, validatePolicy } from './index';

interface Query {
  subject?: string;
  claims?: RbacClaims;
  action: string;
  resource: string;
  object: string;
  expect: 'allow' | 'deny';
  why?: string;
}

interface ExpectedIssue {
  source?: string;
  line: number;
  severity: 'error' | 'warning';
  message: string;
}

interface CaseFile {
  description: string;
  options?: { builtinPolicy?: boolean; validateObjectNames?: boolean };
  queries?: Query[];
  validation?: { valid: boolean; issues: ExpectedIssue[] };
}

const root = join(__dirname, 'testdata');

function loadCase(dir: string) {
  const policyFile = ['argocd-rbac-cm.yaml', 'policy.csv'].find((name) => existsSync(join(dir, name)));
  if (policyFile === undefined) throw new Error(`${dir}: needs policy.csv or argocd-rbac-cm.yaml`);
  const config = rbacConfigFromFileText(readFileSync(join(dir, policyFile), 'utf8'), policyFile);
  const projectsPath = join(dir, 'projects.yaml');
  const projects = existsSync(projectsPath)
    ? parseAllDocuments(readFileSync(projectsPath, 'utf8')).map((doc) => doc.toJS() as RbacProject)
    : [];
  const spec = parse(readFileSync(join(dir, 'cases.yaml'), 'utf8')) as CaseFile;
  return { config, projects, spec };
}

const caseDirs = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe.each(caseDirs)('rbac testdata %s', (name) => {
  const { config, projects, spec } = loadCase(join(root, name));

  if (spec.queries !== undefined) {
    const queries = spec.queries;
    it(`answers every query (${spec.description})`, async () => {
      const enforcer = await createRbacEnforcer(config, {
        ...(spec.options?.builtinPolicy === false ? { builtinPolicy: false as const } : {}),
        validateObjectNames: spec.options?.validateObjectNames ?? true,
        projects: (project) => projects.find((candidate) => candidate.metadata.name === project),
      });
      const answers = await Promise.all(
        queries.map(async (query) => {
          const subject = query.claims ?? query.subject;
          if (subject === undefined) throw new Error(`${name}: a query needs subject or claims`);
          const allowed = await enforcer.can(subject, query.action, query.resource, query.object);
          return { ...query, expect: allowed ? 'allow' : 'deny' };
        }),
      );
      expect(answers).toEqual(queries);
    });
  }

  if (spec.validation !== undefined) {
    const expected = spec.validation;
    it('reports the expected validation issues', () => {
      const result = validatePolicy(config.policy, config.matchMode);
      const issues = [...config.issues, ...result.issues].map((issue) => ({
        source: issue.source,
        line: issue.line,
        severity: issue.severity,
        message: issue.message,
      }));
      expect(issues).toEqual(
        expected.issues.map((issue) => ({
          source: issue.source ?? expect.any(String),
          line: issue.line,
          severity: issue.severity,
          message: expect.stringContaining(issue.message),
        })),
      );
      expect(result.valid).toBe(expected.valid);
    });
  }
});
