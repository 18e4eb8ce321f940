// Command-line host: `npx quarterdeck <command>`. Headless, same core as the app.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { TranslateFn } from '../../shared/i18n';
import { defaultWorkspacePath } from '../core/paths';
import { importCommand, queryCommand, sourcesCommand, type CliOutput } from './commands';
import { importSettingsFromArgs } from './import-args';
import { kpiCommand } from './kpi-command';
import { reviewCommand } from './review-command';
import { takeLanguage } from './lang';

/** The commands and their options: syntax, the same in every language. */
const SYNOPSIS = `  quarterdeck import <file.csv|file.xlsx> --workspace <file.duckdb> [--source <name>] [--snapshot YYYY-MM-DD]
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
  quarterdeck review --template <file.json|built-in name> --data <export.csv|export.xlsx|workspace.duckdb>...
      --out <review.html|review.pdf> [--period last-month|last-quarter|YYYY-MM|YYYY-Qn|start..end]
      [--role [<source>:]<role>=<column>]... [--stage <template stage>=<stage>]... [--skip-unmapped]
      [--anonymise] [--json]
  Every command takes --lang en|fr|nl|de.`;

function usage(t: TranslateFn): string {
  return `${t('cli.usageTitle')}\n${SYNOPSIS}\n\n${t('cli.usageWorkspace')}\n${t('cli.usageLanguage')}`;
}

async function run(argv: string[]): Promise<CliOutput> {
  const { args, t: translator, invalid } = takeLanguage(argv, process.env);
  const t = translator.t;
  const usageText = usage(t);
  if (invalid !== null) return { code: 2, stdout: '', stderr: `${t('cli.error', { message: t('cli.badLanguage') })}\n` };
  const [command, ...rest] = args;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    return { code: command ? 0 : 2, stdout: command ? `${usageText}\n` : '', stderr: command ? '' : `${usageText}\n` };
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
        template: { type: 'string' },
        data: { type: 'string', multiple: true },
        anonymise: { type: 'boolean' },
        'skip-unmapped': { type: 'boolean' },
        stage: { type: 'string', multiple: true },
      },
    });
  } catch (e) {
    return { code: 2, stdout: '', stderr: `${t('cli.error', { message: (e as Error).message })}\n\n${usageText}\n` };
  }
  const { values, positionals } = parsed;
  const workspace = values.workspace ?? defaultWorkspacePath();
  switch (command) {
    case 'import': {
      const file = positionals[0];
      if (!file) return { code: 2, stdout: '', stderr: `${t('cli.needFile')}\n\n${usageText}\n` };
      const parsedSettings = importSettingsFromArgs(values, t);
      if (!parsedSettings.ok) return { code: 2, stdout: '', stderr: `${parsedSettings.message}\n` };
      return importCommand(t, {
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
      if (!values.spec) return { code: 2, stdout: '', stderr: `${t('cli.needSpec')}\n\n${usageText}\n` };
      if (values.format !== 'csv' && values.format !== 'json') {
        return { code: 2, stdout: '', stderr: `${t('cli.badFormat')}\n` };
      }
      const out = await queryCommand(t, { workspace, spec: values.spec, format: values.format });
      if (out.code === 0 && values.out) {
        writeFileSync(values.out, out.stdout);
        return { ...out, stdout: '' };
      }
      return out;
    }
    case 'kpi':
      return kpiCommand(t, {
        names: positionals, list: values.list ?? false, json: values.json ?? false, workspace, format: values.format ?? 'csv',
        ...(values.source ? { source: values.source } : {}), ...(values.by ? { by: values.by } : {}),
        ...(values.grain ? { grain: values.grain } : {}), ...(values.period ? { period: values.period } : {}),
        ...(values.filter ? { filter: values.filter } : {}), ...(values['stale-days'] ? { staleDays: values['stale-days'] } : {}),
        ...(values.today ? { today: values.today } : {}),
      });
    case 'review':
      return reviewCommand(t, {
        ...(values.template ? { template: values.template } : {}),
        data: values.data ?? [],
        ...(values.period ? { period: values.period } : {}),
        ...(values.out ? { out: values.out } : {}),
        roles: values.role ?? [],
        stages: values.stage ?? [],
        anonymise: values.anonymise ?? false,
        skipUnmapped: values['skip-unmapped'] ?? false,
        json: values.json ?? false,
        language: translator.language,
      });
    case 'sources':
      return sourcesCommand(t, { workspace, json: values.json ?? false });
    default:
      return { code: 2, stdout: '', stderr: `${t('cli.unknownCommand', { command })}\n\n${usageText}\n` };
  }
}

run(process.argv.slice(2)).then(
  (out) => {
    if (out.stdout) process.stdout.write(out.stdout);
    if (out.stderr) process.stderr.write(out.stderr);
    process.exitCode = out.code;
  },
  (e: unknown) => {
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`${takeLanguage(process.argv.slice(2), process.env).t.t('cli.error', { message })}\n`);
    process.exitCode = 1;
  },
);
