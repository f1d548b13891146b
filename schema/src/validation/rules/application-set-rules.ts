/** Argo CD's ApplicationSet checks beyond the CRD schema (applicationset controller, generators). */
import type { Path } from '../json-path';
import { checkApplicationSpec } from './application-rules';
import { asArray, asRecord, checkEnum, error, type Issues, warning } from './rule-kit';

const GENERATOR_KINDS = [
  'list',
  'clusters',
  'git',
  'scmProvider',
  'clusterDecisionResource',
  'pullRequest',
  'plugin',
  'matrix',
  'merge',
];

export function checkApplicationSet(resource: Record<string, unknown>): Issues {
  const spec = asRecord(resource.spec);
  if (spec === undefined) return [];
  const issues: Issues = [
    ...checkEnum(
      ['spec', 'strategy', 'type'],
      asRecord(spec.strategy)?.type,
      ['AllAtOnce', 'RollingSync'],
      'strategy type',
    ),
    ...checkEnum(
      ['spec', 'strategy', 'deletionOrder'],
      asRecord(spec.strategy)?.deletionOrder,
      ['AllAtOnce', 'Reverse'],
      'deletion order',
    ),
    ...checkRollingSync(asRecord(spec.strategy), ['spec', 'strategy']),
    ...asArray(spec.generators).flatMap((generator, index) =>
      checkGenerator(asRecord(generator), ['spec', 'generators', index]),
    ),
    ...asArray(spec.goTemplateOptions).flatMap((option, index) =>
      typeof option === 'string' && !/^missingkey=(default|invalid|zero|error)$/.test(option)
        ? [
            warning(
              ['spec', 'goTemplateOptions', index],
              `'${option}' is not a Go template option; use missingkey=error, missingkey=zero or missingkey=default`,
            ),
          ]
        : [],
    ),
  ];
  if (spec.templatePatch !== undefined && spec.goTemplate !== true) {
    issues.push(
      warning(
        ['spec', 'templatePatch'],
        'templatePatch is meant for goTemplate: true; without it the patch is rendered with fasttemplate, where only {{key}} placeholders work',
      ),
    );
  }
  const templateSpec = asRecord(asRecord(spec.template)?.spec);
  if (templateSpec !== undefined) {
    issues.push(...checkApplicationSpec(templateSpec, ['spec', 'template', 'spec'], { complete: false }));
  }
  return issues;
}

function checkRollingSync(strategy: Record<string, unknown> | undefined, path: Path): Issues {
  if (strategy === undefined) return [];
  const steps = asArray(asRecord(strategy.rollingSync)?.steps);
  const issues: Issues = [];
  if (strategy.type === 'RollingSync' && steps.length === 0) {
    issues.push(error([...path, 'rollingSync', 'steps'], 'RollingSync needs at least one step'));
  }
  steps.forEach((step, stepIndex) => {
    const stepPath = [...path, 'rollingSync', 'steps', stepIndex];
    asArray(asRecord(step)?.matchExpressions).forEach((expression, index) => {
      issues.push(
        ...checkEnum(
          [...stepPath, 'matchExpressions', index, 'operator'],
          asRecord(expression)?.operator,
          ['In', 'NotIn'],
          'RollingSync operator',
        ),
      );
    });
    const maxUpdate = asRecord(step)?.maxUpdate;
    if (typeof maxUpdate === 'string' && !/^\d+%?$/.test(maxUpdate)) {
      issues.push(
        error([...stepPath, 'maxUpdate'], `'${maxUpdate}' is neither a number nor a percentage; use e.g. 2 or "25%"`),
      );
    }
  });
  return issues;
}

function checkGenerator(generator: Record<string, unknown> | undefined, path: Path): Issues {
  if (generator === undefined) return [];
  const kinds = GENERATOR_KINDS.filter((kind) => generator[kind] !== undefined);
  if (kinds.length === 0) {
    return [error(path, `a generator needs one of ${GENERATOR_KINDS.join(', ')}`)];
  }
  if (kinds.length > 1) {
    return [
      error(
        path,
        `a generator may hold only one generator type but has ${kinds.join(' and ')}; split it into separate list items`,
      ),
    ];
  }
  const kind = kinds[0] ?? '';
  const body = asRecord(generator[kind]);
  if (body === undefined) return [];
  const bodyPath = [...path, kind];
  switch (kind) {
    case 'matrix':
    case 'merge':
      return checkCombination(kind, body, bodyPath);
    case 'git':
      return body.directories === undefined && body.files === undefined
        ? [error(bodyPath, "the git generator needs 'directories' or 'files'")]
        : [];
    default:
      return [];
  }
}

function checkCombination(kind: 'matrix' | 'merge', body: Record<string, unknown>, path: Path): Issues {
  const children = asArray(body.generators);
  const issues: Issues = [];
  if (kind === 'matrix' && children.length !== 2) {
    issues.push(
      error([...path, 'generators'], `a matrix generator combines exactly 2 generators, found ${children.length}`),
    );
  }
  if (kind === 'merge' && children.length < 2) {
    issues.push(
      error([...path, 'generators'], `a merge generator needs at least 2 generators, found ${children.length}`),
    );
  }
  if (kind === 'merge' && asArray(body.mergeKeys).length === 0) {
    issues.push(error([...path, 'mergeKeys'], 'a merge generator needs at least one merge key'));
  }
  children.forEach((child, index) => issues.push(...checkGenerator(asRecord(child), [...path, 'generators', index])));
  return issues;
}
