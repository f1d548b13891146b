// `driftless-plugin new <kind> <name>`: a plugin package that builds, tests
// and packs as it is.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CONTRACT_VERSION } from '../contracts/contract-version';
import { isExtensionPoint, extensionPointNames } from '../contracts/extension-points';
import { type PluginPackageJson } from '../manifest/manifest';
import { templates } from './templates';

export interface ScaffoldOptions {
  kind: string;
  name: string;
  /** Parent directory; the package is created in <parent>/<name>. */
  parent: string;
  /** Version range of @driftless/plugin-sdk to depend on. */
  sdkVersion: string;
}

export class ScaffoldError extends Error {}

export async function scaffoldPlugin(options: ScaffoldOptions): Promise<string> {
  const { kind, name } = options;
  if (!isExtensionPoint(kind))
    throw new ScaffoldError(`unknown plugin kind "${kind}" — one of ${extensionPointNames.join(', ')}`);
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name))
    throw new ScaffoldError(`plugin name "${name}" must be lower-case letters, digits and -`);
  const dir = join(options.parent, name);
  if (existsSync(dir)) throw new ScaffoldError(`${dir} exists already — choose another name or remove it`);
  const template = templates[kind];
  const major = CONTRACT_VERSION.split('.')[0] ?? '1';
  const packageJson: PluginPackageJson & Record<string, unknown> = {
    name: `driftless-plugin-${name}`,
    version: '0.1.0',
    description: `A Driftless ${kind} plugin`,
    license: 'Apache-2.0',
    files: ['dist', 'README.md'],
    keywords: ['driftless-plugin'],
    scripts: { build: 'driftless-plugin build', test: 'driftless-plugin test', pack: 'driftless-plugin pack' },
    devDependencies: { '@driftless/plugin-sdk': options.sdkVersion },
    driftless: {
      id: `local.${name}`,
      contract: `^${major}.0.0`,
      bundle: 'dist/plugin.js',
      contributes: template.contributes(name),
      ...(template.capabilities ? { capabilities: template.capabilities } : {}),
      limits: { memoryMb: 32, cpuMsPerCall: 500, wallMsPerCall: 10000 },
    },
  };
  const files: Record<string, string> = {
    'package.json': `${JSON.stringify(packageJson, null, 2)}\n`,
    'src/index.ts': `import { ${template.factory} } from '@driftless/plugin-sdk';\n\nexport default ${template.factory}({\n${template.handlers}\n});\n`,
    [`test/cases/${template.testCase.method}.json`]: `${JSON.stringify(template.testCase, null, 2)}\n`,
    'tsconfig.json': `${JSON.stringify({ compilerOptions: { target: 'ES2023', module: 'preserve', strict: true, noEmit: true, skipLibCheck: true } }, null, 2)}\n`,
    '.gitignore': 'node_modules/\ndist/\n*.tgz\n',
    'README.md': `# ${packageJson.name}\n\nA Driftless ${kind} plugin.\n\n- \`npm run build\` bundles src/index.ts into dist/plugin.js\n- \`npm test\` runs test/cases/*.json in the real sandbox\n- \`npm run pack\` makes the tarball to install with \`driftless plugin install\`\n`,
  };
  if (kind === 'renderer') {
    files['test/workspace/manifests.json'] =
      `${JSON.stringify([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'example' } }], null, 2)}\n`;
  }
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}
