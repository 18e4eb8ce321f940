// `quarterdeck kpi`: the KPI catalog, and KPI values per group, headless.
import type { CellValue } from '../../shared/arrow/cells';
import { kpiName, type TranslateFn } from '../../shared/i18n';
import { catalogListing, isTimeGrain, parsePeriod } from '../../shared/model/kpis';
import { CoreApi, localToday } from '../core/api';
import { runKpis, type KpiRunOptions } from '../core/kpi';
import { describeError, type CliOutput } from './commands';

export interface KpiArgs {
  names: string[];
  list: boolean;
  json: boolean;
  workspace: string;
  source?: string;
  by?: string;
  grain?: string;
  period?: string;
  filter?: string[];
  format: string;
  staleDays?: string;
  today?: string;
}

export async function kpiCommand(t: TranslateFn, args: KpiArgs): Promise<CliOutput> {
  const usageError = (message: string): CliOutput => ({ code: 2, stdout: '', stderr: `${t('cli.error', { message })}\n` });
  if (args.list) {
    const list = catalogListing();
    if (args.json || args.format === 'json') return { code: 0, stdout: `${JSON.stringify(list, null, 2)}\n`, stderr: '' };
    return {
      code: 0,
      stdout: `${list.map((k) => listLine(t, k)).join('\n')}\n`,
      stderr: '',
    };
  }
  const names = args.names.flatMap((n) => n.split(',')).map((n) => n.trim()).filter(Boolean);
  if (names.length === 0) return usageError(t('cli.kpiNeedNames'));
  if (args.format !== 'csv' && args.format !== 'json') return usageError(t('cli.badFormat'));
  const options: KpiRunOptions = { today: args.today ?? localToday() };
  if (args.today && !/^\d{4}-\d{2}-\d{2}$/.test(args.today)) return usageError(t('cli.kpiBadToday', { value: args.today }));
  if (args.source) options.source = args.source;
  if (args.by) options.by = args.by.split(',').map((r) => r.trim()).filter(Boolean);
  if (args.grain) {
    if (!isTimeGrain(args.grain)) return usageError(t('cli.kpiBadGrain', { value: args.grain }));
    options.grain = args.grain;
  }
  if (args.period) {
    const period = parsePeriod(args.period);
    if (!period) return usageError(t('cli.kpiBadPeriod', { value: args.period }));
    options.period = period;
  }
  if (args.filter?.length) {
    const filters = [];
    for (const f of args.filter) {
      const eq = f.indexOf('=');
      if (eq <= 0) return usageError(t('cli.kpiBadFilter', { value: f }));
      filters.push({ role: f.slice(0, eq).trim(), value: f.slice(eq + 1) });
    }
    options.filters = filters;
  }
  if (args.staleDays !== undefined) {
    const n = Number(args.staleDays);
    if (!Number.isInteger(n) || n < 0) return usageError(t('cli.kpiBadStaleDays', { value: args.staleDays }));
    options.staleDays = n;
  }
  const core = await CoreApi.open(args.workspace);
  try {
    const result = await runKpis(core, names, options);
    if (!result.ok) return { code: 1, stdout: '', stderr: `${describeError(t, result.error)}\n` };
    const { columns, rows } = result.value;
    if (args.format === 'json') return { code: 0, stdout: `${JSON.stringify(rows, null, 2)}\n`, stderr: '' };
    const lines = [columns.map((c) => csvCell(c.id)).join(',')];
    for (const row of rows) lines.push(columns.map((c) => csvCell(row[c.id] ?? null)).join(','));
    return { code: 0, stdout: `${lines.join('\n')}\n`, stderr: '' };
  } finally {
    core.close();
  }
}

/** One KPI of `kpi --list`: name, label (in the user's language), formula, roles, then where its rows come from. */
function listLine(t: TranslateFn, k: ReturnType<typeof catalogListing>[number]): string {
  const parts = [k.name, kpiName(t, k.name), k.formula, t('cli.kpiRoles', { roles: k.requiredRoles.join(', ') })];
  if (k.source !== 'deals') parts.push(t('cli.kpiSource', { source: k.source }));
  if (k.groupBy) parts.push(t('cli.kpiBy', { roles: k.groupBy.join(', ') }));
  if (k.joined) parts.push(t('cli.kpiJoins', { source: k.joined.source, roles: k.joined.roles.join(', '), on: k.joined.on }));
  for (const p of k.parts ?? []) parts.push(t('cli.kpiAlso', { source: p.source, dateRole: p.dateRole, roles: p.roles.join(', ') }));
  return parts.join('\t');
}

function csvCell(v: CellValue): string {
  if (v === null) return '';
  const text = String(v);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
