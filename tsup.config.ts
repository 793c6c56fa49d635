import { defineConfig } from 'tsup';
import { binEntries, readPackageJson, sourceEntries } from './scripts/packaging/layout.js';

/**
 * Builds the package in the working directory (`pnpm -r run build`): its source exports as ESM and CommonJS with
 * declarations, and its executables as ESM. Dependencies stay external; `import.meta.url` is shimmed in CommonJS.
 */
export default defineConfig(() => {
  const json = readPackageJson(process.cwd());
  const common = { outDir: 'dist', target: 'node20', platform: 'node', tsconfig: '../../tsconfig.build.json', shims: true, splitting: true } as const;
  const bins = binEntries(json);
  return [
    { ...common, entry: sourceEntries(json), format: ['esm' as const, 'cjs' as const], dts: true, clean: true },
    ...(Object.keys(bins).length ? [{ ...common, entry: bins, format: 'esm' as const, dts: false, clean: false }] : []),
  ];
});
