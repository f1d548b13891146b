// One jest run covers the unit specs that sit next to the code and the suites
// under test/ that start real servers. Workspace packages are mapped to their
// TypeScript sources so tests never depend on a previous build.
const fs = require('node:fs');
const path = require('node:path');

const swcConfig = JSON.parse(fs.readFileSync(path.join(__dirname, '.swcrc'), 'utf8'));
const transform = { '^.+\\.(t|j|mj)s$': ['@swc/jest', { ...swcConfig, swcrc: false }] };

// ESM-only dependencies (@kubernetes/client-node, …) load through require(esm),
// which jest supports on Node 24 when started with --experimental-vm-modules
// (the `test` script does this).

function workspaceAliases() {
  const rootPackage = require('./package.json');
  const aliases = {};
  for (const pattern of rootPackage.workspaces) {
    const parent = path.join(__dirname, pattern.slice(0, -2));
    const dirs = pattern.endsWith('/*')
      ? fs.existsSync(parent)
        ? fs
            .readdirSync(parent, { withFileTypes: true })
            .filter((entry) => entry.isDirectory())
            .map((entry) => path.join(pattern.slice(0, -2), entry.name))
        : []
      : [pattern];
    for (const dir of dirs) {
      const manifestPath = path.join(__dirname, dir, 'package.json');
      if (!fs.existsSync(manifestPath) || !fs.existsSync(path.join(__dirname, dir, 'src/index.ts'))) continue;
      const { name, exports: exportMap } = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
      aliases[`^${name.replace('/', '\\/')}$`] = `<rootDir>/${dir}/src/index.ts`;
      // Subpath exports (`@driftless/render-kit/testing`) map to their `driftless-source` file.
      for (const [subpath, target] of Object.entries(exportMap ?? {})) {
        const source = target?.['driftless-source'];
        if (subpath === '.' || typeof source !== 'string') continue;
        aliases[`^${name.replace('/', '\\/')}${subpath.slice(1)}$`] = `<rootDir>/${path.posix.join(dir, source)}`;
      }
    }
  }
  return aliases;
}

const shared = {
  testEnvironment: 'node',
  transform,
  moduleNameMapper: workspaceAliases(),
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/'],
};

module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{core,schema,plugin-sdk,plugins,libs}/**/src/**/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/libs/*/test/**/*.test.ts'],
    },
  ],
  maxWorkers: 2,
  // A worker that ran many suites grows to gigabytes (every file gets its own module registry) and
  // then spends its time collecting garbage: past this after a file, it is replaced by a fresh one.
  workerIdleMemoryLimit: '1500MB',
  // Integration suites start servers; unit specs finish in milliseconds anyway.
  testTimeout: 60_000,
};
