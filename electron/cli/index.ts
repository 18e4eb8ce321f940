// Command-line host: `npx quarterdeck <command>`. Headless, same core as the app.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { defaultWorkspacePath } from '../core/paths';
import { importCommand, queryCommand, sourcesCommand, type CliOutput } from './commands';
import { importSettingsFromArgs } from './import-args';
import { kpiCommand } from './kpi-command';

const USAGE = `Usage:
  quarterdeck import <file.csv|file.xlsx> --workspace <file.duckdb> [--source <name>] [--snapshot YYYY-MM-DD]
      [--replace] [--json] [--encoding utf-8|utf-16le|utf-16be|windows-1252|iso-8859-1]
      [--delimiter ';'] [--decimal ,|.] [--thousands ' '] [--date-format dmy|mdy|ymd] [--skip-rows N]
      [--header-rows N] [--sheet <name>] [--null <token>]... [--type <column>=text|integer|decimal|...]...
      [--role <role>=<column>]...
  quarterdeck query --workspace <file.duckdb> --spec <spec.json> [--format csv|json] [--out <file>]
  quarterdeck sources --workspace <file.duckdb> [--json]
  quarterdeck kpi --list [--json]
  quarterdeck kpi <name>[,<name>...] --workspace <file.duckdb> [--source <name>] [--by <role>[,<role>]]
      [--grain day|week|month|quarter|year] [--period <preset|YYYY|YYYY-MM|YYYY-Qn|start..end>]
      [--filter <role>=<value>]... [--stale-days N] [--today YYYY-MM-DD] [--format csv|json]

The workspace defaults to ~/.quarterdeck/workspace.duckdb (or $QUARTERDECK_HOME).`;

async function run(argv: string[]): Promise<CliOutput> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    return { code: command ? 0 : 2, stdout: command ? `${USAGE}\n` : '', stderr: command ? '' : `${USAGE}\n` };
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        workspace: { type: 'string', short: 'w' },
        source: { type: 'string' },
        replace: { type: 'boolean' },
        json: { type: 'boolean' },
        spec: { type: 'string' },
        format: { type: 'string', default: 'csv' },
        out: { type: 'string', short: 'o' },
        snapshot: { type: 'string' },
        encoding: { type: 'string' },
        delimiter: { type: 'string' },
        decimal: { type: 'string' },
        thousands: { type: 'string' },
        'date-format': { type: 'string' },
        'skip-rows': { type: 'string' },
        'header-rows': { type: 'string' },
        sheet: { type: 'string' },
        null: { type: 'string', multiple: true },
        type: { type: 'string', multiple: true },
        role: { type: 'string', multiple: true },
        list: { type: 'boolean' },
        by: { type: 'string' },
        grain: { type: 'string' },
        period: { type: 'string' },
        filter: { type: 'string', multiple: true },
        'stale-days': { type: 'string' },
        today: { type: 'string' },
      },
    });
  } catch (e) {
    return { code: 2, stdout: '', stderr: `${(e as Error).message}\n\n${USAGE}\n` };
  }
  const { values, positionals } = parsed;
  const workspace = values.workspace ?? defaultWorkspacePath();
  switch (command) {
    case 'import': {
      const file = positionals[0];
      if (!file) return { code: 2, stdout: '', stderr: `import needs a file\n\n${USAGE}\n` };
      const parsedSettings = importSettingsFromArgs(values);
      if (!parsedSettings.ok) return { code: 2, stdout: '', stderr: `${parsedSettings.message}\n` };
      return importCommand({
        file,
        workspace,
        ...(values.source ? { source: values.source } : {}),
        ...(values.snapshot ? { snapshot: values.snapshot } : {}),
        replace: values.replace ?? false,
        json: values.json ?? false,
        settings: parsedSettings.settings,
        roles: parsedSettings.roles,
      });
    }
    case 'query': {
      if (!values.spec) return { code: 2, stdout: '', stderr: `query needs --spec\n\n${USAGE}\n` };
      if (values.format !== 'csv' && values.format !== 'json') {
        return { code: 2, stdout: '', stderr: `--format is csv or json\n` };
      }
      const out = await queryCommand({ workspace, spec: values.spec, format: values.format });
      if (out.code === 0 && values.out) {
        writeFileSync(values.out, out.stdout);
        return { ...out, stdout: '' };
      }
      return out;
    }
    case 'kpi':
      return kpiCommand({
        names: positionals, list: values.list ?? false, json: values.json ?? false, workspace, format: values.format ?? 'csv',
        ...(values.source ? { source: values.source } : {}), ...(values.by ? { by: values.by } : {}),
        ...(values.grain ? { grain: values.grain } : {}), ...(values.period ? { period: values.period } : {}),
        ...(values.filter ? { filter: values.filter } : {}), ...(values['stale-days'] ? { staleDays: values['stale-days'] } : {}),
        ...(values.today ? { today: values.today } : {}),
      });
    case 'sources':
      return sourcesCommand({ workspace, json: values.json ?? false });
    default:
      return { code: 2, stdout: '', stderr: `unknown command "${command}"\n\n${USAGE}\n` };
  }
}

run(process.argv.slice(2)).then(
  (out) => {
    if (out.stdout) process.stdout.write(out.stdout);
    if (out.stderr) process.stderr.write(out.stderr);
    process.exitCode = out.code;
  },
  (e: unknown) => {
    process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
