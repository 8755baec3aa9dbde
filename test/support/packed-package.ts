import { execFile } from 'node:child_process';
import { access, mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Repository root. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface InstalledPackage {
  /** A scratch project outside the repository with `node_modules/fxrates` unpacked from the tarball. */
  readonly dir: string;
  /** `node_modules/fxrates` inside it. */
  readonly packageDir: string;
  dispose(): Promise<void>;
}

/**
 * `npm pack`s this repository (compiling first only when dist/ is stale) and installs the tarball into a
 * scratch project the way npm lays it out: the tarball's files unpacked into `node_modules/fxrates`, and
 * each of its production dependencies linked from this repository's node_modules (same versions as the
 * lockfile, no network). Optional dependencies are left out, as in the Docker image. `devTypes` are
 * linked too: the consumer's own dev dependencies (e.g. `@types/node`).
 */
export async function installPackedPackage(devTypes: readonly string[]): Promise<InstalledPackage> {
  await run(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: ROOT });
  const dir = await mkdtemp(join(tmpdir(), 'fxrates-consumer-'));
  try {
    // Scripts off: prepack would compile again from a clean dist/, under the feet of anything using it.
    const packed = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: ROOT });
    const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
    const packageDir = join(dir, 'node_modules', 'fxrates');
    await mkdir(packageDir, { recursive: true });
    await run('tar', ['-xzf', join(dir, filename), '-C', packageDir, '--strip-components=1']);
    const manifest = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    for (const name of [...Object.keys(manifest.dependencies ?? {}), ...devTypes]) {
      const target = join(ROOT, 'node_modules', name);
      await access(target).catch(() => {
        throw new Error(`${name} is not installed in this repository's node_modules: run npm ci`);
      });
      const link = join(dir, 'node_modules', name);
      await mkdir(dirname(link), { recursive: true });
      await symlink(target, link, 'dir');
    }
    return { dir, packageDir, dispose: () => rm(dir, { recursive: true, force: true }) };
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
}
