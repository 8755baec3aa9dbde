/**
 * Layers as folders, one direction: src/main (configuration, the container, entry points) -> src/adapters ->
 * src/app -> src/domain. dependency-cruiser checks every import against these rules in `npm test`.
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'src/domain may import only other files of src/domain: no frameworks, drivers or Node built-ins.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { pathNot: '^src/domain/' },
    },
    {
      name: 'app-imports-only-domain',
      comment: 'Use cases and application rules depend on ports; they never pick an adapter or reach the wiring.',
      severity: 'error',
      from: { path: '^src/app/' },
      to: { path: '^src/(adapters|main|sandbox|web)/' },
    },
    {
      name: 'adapters-never-import-the-wiring',
      comment: 'Only src/main knows every concrete class; adapters are given what they need.',
      severity: 'error',
      from: { path: '^src/adapters/' },
      to: { path: '^src/(main|sandbox)/' },
    },
    {
      name: 'adapters-keep-to-themselves',
      comment:
        "An adapter never reaches another adapter's internals; resilience/ is the policy the provider adapters share.",
      severity: 'error',
      from: { path: '^src/adapters/([^/]+)/' },
      to: { path: '^src/adapters/', pathNot: ['^src/adapters/$1/', '^src/adapters/resilience/'] },
    },
    {
      name: 'nothing-imports-the-wiring',
      comment: 'src/main is imported only by its own entry points (and by tests and the bench, outside src/).',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/main/' },
      to: { path: '^src/main/' },
    },
    {
      name: 'bench-uses-the-test-rigs-not-the-reverse',
      comment: 'test/support holds the rigs the tests and the bench share; tests never import the bench.',
      severity: 'error',
      from: { path: '^test/' },
      to: { path: '^bench/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
