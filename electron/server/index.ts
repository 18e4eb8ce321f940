// Browser-mode entry: `npm run web` builds the renderer and starts this on 127.0.0.1.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { CoreApi } from '../core/api';
import { ensureDemo } from '../core/demo';
import { defaultWorkspacePath, projectRoot, rendererDir, samplesDir } from '../core/paths';
import { startHttpHost } from './http-host';

const { values } = parseArgs({
  options: {
    workspace: { type: 'string' },
    port: { type: 'string' },
    demo: { type: 'boolean', default: false },
    'renderer-dir': { type: 'string' },
  },
  allowPositionals: false,
});

async function main(): Promise<void> {
  const root = projectRoot(import.meta.url);
  const workspacePath = values.workspace ?? defaultWorkspacePath(values.demo ? 'demo.duckdb' : 'workspace.duckdb');
  if (workspacePath !== ':memory:') mkdirSync(dirname(workspacePath), { recursive: true });
  const renderer = values['renderer-dir'] ?? rendererDir(root);
  if (!existsSync(renderer)) {
    console.error(`The renderer is not built (${renderer} is missing): run "npm run web", which builds it first.`);
    process.exit(1);
  }
  let host: Awaited<ReturnType<typeof startHttpHost>> | null = null;
  const core = await CoreApi.open(workspacePath, { resolveUpload: (id) => host?.uploads.get(id) ?? null });
  if (values.demo) {
    const demo = await ensureDemo(core, samplesDir(root));
    if (!demo.ok) {
      console.error(`Could not load the demo data: ${demo.error.message}`);
      process.exit(1);
    }
    if (demo.value.length > 0) console.log(`Loaded the demo data: ${demo.value.join(', ')}`);
  }
  host = await startHttpHost({
    api: core,
    rendererDir: renderer,
    ...(values.port ? { port: Number(values.port) } : {}),
  });
  console.log(`Quarterdeck (browser mode) on workspace ${workspacePath}`);
  console.log(`Open ${host.openUrl}`);
  const stop = async () => {
    await host?.close();
    core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
