// `quarterdeck review`: a template (a file, or a built-in's name) run for a period on an export or a
// workspace, written as one HTML file or a PDF — the monthly pack, for scheduled runs. A template
// that cannot run on the data exits non-zero, says why and how to fix it, and writes nothing.
import { existsSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { TranslateFn } from '../../shared/i18n';
import { parsePeriodChoice, describePeriod } from '../../shared/template/period';
import { readTemplateText } from '../../shared/template/schema';
import type { RoleFixes, Template, TemplateProblem } from '../../shared/template/types';
import { CoreApi } from '../core/api';
import { runHeadlessReview } from '../core/review/headless';
import { findChromium } from '../core/review/pdf';
import { builtinTemplates, findBuiltin } from '../core/template/builtin';
import { describeError, type CliOutput } from './commands';

export interface ReviewArgs {
  template?: string;
  data: string[];
  period?: string;
  out?: string;
  roles: string[];
  /** `<template stage>=<stage of the data>`, for the template's first slot. */
  stages?: string[];
  anonymise: boolean;
  skipUnmapped: boolean;
  json: boolean;
  language: string;
}

const usageError = (t: TranslateFn, message: string): CliOutput => ({ code: 2, stdout: '', stderr: `${t('cli.error', { message })}\n` });

async function loadTemplate(t: TranslateFn, what: string): Promise<{ ok: true; template: Template } | { ok: false; out: CliOutput }> {
  if (existsSync(what)) {
    const read = readTemplateText(await readFile(what, 'utf8'), basename(what));
    if (!read.ok) return { ok: false, out: { code: 1, stdout: '', stderr: `${describeError(t, read.error)}\n` } };
    return { ok: true, template: read.value };
  }
  const builtin = findBuiltin(what);
  if (builtin) return { ok: true, template: builtin };
  const names = builtinTemplates().map((b) => b.id).join(', ');
  return { ok: false, out: { code: 2, stdout: '', stderr: `${t('cli.error', { message: t('review.cliNoTemplate', { name: what, names }) })}\n` } };
}

/** One line per blocking problem, with the option that fixes it. */
export function problemLines(t: TranslateFn, problems: readonly TemplateProblem[], language = 'en'): string[] {
  return problems.map((p) => {
    switch (p.kind) {
      case 'no_source':
        return t('review.cliNoSource', { slot: p.slot, entity: p.entity });
      case 'missing_role':
        return t('review.cliMissingRole', { role: p.role, source: p.source, candidates: p.candidates.slice(0, 6).map((c) => c.column).join(', ') || '–' });
      case 'missing_column':
        return t('review.cliMissingColumn', { column: p.column, source: p.source });
      case 'unknown_stage':
        return t('review.cliUnknownStage', { stage: p.stage, source: p.source, stages: p.candidates.slice(0, 12).join(', '), fix: p.suggestion ?? 'STAGE' });
      case 'new_stage':
        return t('review.cliNewStage', { stage: p.stage, source: p.source });
      case 'empty_period': {
        const period = typeof p.period === 'string' ? p.period : describePeriod(p.period, language, (q, year) => t('review.quarter', { q, year }));
        const fix = p.suggestion ? p.suggestion.from.slice(0, 7) : '';
        return p.latest ? t('review.cliEmptyPeriod', { source: p.source, period, latest: p.latest, fix }) : t('review.cliNoDates', { source: p.source, period });
      }
    }
  });
}

/** `--role role=column` (the first slot's source) or `--role source:role=column`. */
function parseRoles(items: readonly string[]): { role: string; column: string; source: string | null }[] | null {
  const out: { role: string; column: string; source: string | null }[] = [];
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq <= 0) return null;
    const left = item.slice(0, eq).trim();
    const colon = left.lastIndexOf(':');
    out.push({ source: colon > 0 ? left.slice(0, colon) : null, role: colon > 0 ? left.slice(colon + 1) : left, column: item.slice(eq + 1) });
  }
  return out;
}

export async function reviewCommand(t: TranslateFn, args: ReviewArgs): Promise<CliOutput> {
  if (!args.template) return usageError(t, t('review.cliNeedTemplate'));
  if (args.data.length === 0) return usageError(t, t('review.cliNeedData'));
  if (!args.out) return usageError(t, t('review.cliNeedOut'));
  const ext = extname(args.out).toLowerCase();
  const format = ext === '.pdf' ? 'pdf' : ext === '.html' || ext === '.htm' ? 'html' : null;
  if (!format) return usageError(t, t('review.cliBadOut'));
  const period = args.period !== undefined ? parsePeriodChoice(args.period) : undefined;
  if (period === null) return usageError(t, t('review.cliBadPeriod', { value: args.period ?? '' }));
  const roles = parseRoles(args.roles);
  if (roles === null) return usageError(t, t('review.cliBadRole'));
  const stageMap: Record<string, string> = {};
  for (const item of args.stages ?? []) {
    const eq = item.indexOf('=');
    if (eq <= 0) return usageError(t, t('review.cliBadStage'));
    stageMap[item.slice(0, eq).trim()] = item.slice(eq + 1).trim();
  }
  if (format === 'pdf' && !findChromium()) return { code: 1, stdout: '', stderr: `${t('cli.error', { message: t('review.cliNoChromium') })}\n` };
  for (const d of args.data) if (!existsSync(d)) return { code: 1, stdout: '', stderr: `${t('cli.error', { message: t('review.cliNoData', { file: d }) })}\n` };
  const loaded = await loadTemplate(t, args.template);
  if (!loaded.ok) return loaded.out;
  const template = loaded.template;

  // A workspace is used in place (its review history grows); exports go into a workspace of their own.
  const workspaceFile = args.data.find((d) => /\.duckdb$/i.test(d));
  if (workspaceFile && args.data.length > 1) return usageError(t, t('review.cliOneWorkspace'));
  const scratch = workspaceFile ? null : mkdtempSync(join(tmpdir(), 'quarterdeck-review-'));
  const core = await CoreApi.open(workspaceFile ?? join(scratch!, 'review.duckdb'), scratch ? { tempDir: scratch } : {});
  try {
    if (scratch) {
      for (const file of args.data) {
        const imported = await core.importFile({ file: { kind: 'path', path: resolve(file) } });
        if (!imported.ok) return { code: 1, stdout: '', stderr: `${describeError(t, imported.error)}\n` };
      }
      // Exports of one CRM that refer to each other (deals -> accounts) are linked as the app proposes.
      const proposals = await core.proposeRelationships();
      if (proposals.ok) for (const p of proposals.value) if (p.coverage >= 0.95) await core.setRelationship({ from: p.from, to: p.to }, true);
    }
    // Role fixes go to the source the template's first slot binds, or to the source named.
    const fixes: RoleFixes = {};
    const firstSlotRoles: Record<string, string> = {};
    for (const r of roles) {
      if (r.source === null) firstSlotRoles[r.role] = r.column;
      else fixes[r.source] = { ...(fixes[r.source] ?? {}), [r.role]: r.column };
    }
    const outcome = await runHeadlessReview(core, {
      template,
      ...(period ? { period } : {}),
      ...(Object.keys(stageMap).length > 0 ? { binding: { stageMap: { [template.slots[0]!.id]: stageMap } } } : {}),
      roles: fixes,
      firstSlotRoles,
      skipUnmapped: args.skipUnmapped,
      format,
      language: args.language,
      anonymise: args.anonymise,
    });
    if (outcome.kind === 'failed') return { code: 1, stdout: '', stderr: `${describeError(t, outcome.error)}\n` };
    if (outcome.kind === 'blocked') {
      const lines = problemLines(t, outcome.problems, args.language).map((l) => `  - ${l}`);
      return { code: 1, stdout: '', stderr: `${t('review.cliBlocked', { name: template.name, count: outcome.problems.length })}\n${lines.join('\n')}\n${t('review.cliNothingWritten')}\n` };
    }
    // Written to a temp file and renamed: a reader never sees half a report.
    const target = resolve(args.out);
    const temp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
    writeFileSync(temp, outcome.file.bytes);
    renameSync(temp, target);
    const { review, previous } = outcome.review;
    const periodText = describePeriod(review.period, args.language, (q, year) => t('review.quarter', { q, year }));
    if (args.json) {
      return {
        code: 0,
        stdout: `${JSON.stringify({ file: target, review: review.id, template: template.id, period: review.period, referenceDay: review.referenceDay, sources: review.sources, widgets: review.widgets.length, failed: review.widgets.filter((w) => w.error).map((w) => w.widgetId), previous: previous?.id ?? null, carriedActions: review.actions.length }, null, 2)}\n`,
        stderr: '',
      };
    }
    const failed = review.widgets.filter((w) => w.error);
    const warnings = failed.map((w) => `${t('cli.warning', { message: `${w.title}: ${w.error!.message}` })}\n`).join('');
    return {
      code: 0,
      stdout: `${t('review.cliDone', { file: target, name: review.name, period: periodText, figures: review.widgets.length })}\n${previous ? `${t('review.comparedWith', { period: describePeriod(previous.period, args.language, (q, year) => t('review.quarter', { q, year })) })}\n` : ''}`,
      stderr: warnings,
    };
  } finally {
    core.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}
