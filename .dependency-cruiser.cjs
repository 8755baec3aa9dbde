/** Dependencies point inwards only: adapters -> app -> domain. The domain imports nothing outside itself. */
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
      name: 'app-does-not-import-adapters',
      comment: 'Use cases depend on ports; only the composition root and entry points pick adapters.',
      severity: 'error',
      from: { path: '^src/app/', pathNot: '^src/app/(container|container-providers|main|http-app|scheduled-ingestion)\\.ts$' },
      to: { path: '^src/adapters/' },
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
