#!/usr/bin/env node
// `npx quarterdeck ...`: in a source checkout runs the TypeScript CLI through tsx (always current);
// elsewhere the built one.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const source = new URL('../electron/cli/index.ts', import.meta.url);
if (existsSync(fileURLToPath(source))) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source.href);
} else {
  await import(pathToFileURL(fileURLToPath(new URL('../out/main/cli.js', import.meta.url))).href);
}
