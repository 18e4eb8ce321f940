// Templates: a dashboard saved once and re-run on every new export, bound to ROLES and source SLOTS
// rather than to column and source names, so that next month's file — from another CRM, in another
// language, with renamed columns — runs the same analysis after a guided mapping.
//
// A template is a file (JSON) with a format tag and a version; older versions are migrated on load
// (migrations.ts). Widget specs name their source as "$<slot>" (e.g. "$deals"); applying a template
// binds each slot to a source of the workspace.
import type { DashboardFilterBar, Widget } from '../dashboard/types';
import type { CompareTo, PeriodInput } from '../spec/types';

export const TEMPLATE_FORMAT = 'quarterdeck-template';
/** The version written today. Every earlier version has a migration in migrations.ts. */
export const TEMPLATE_VERSION = 2;

/** The periods a template runs on; resolved against the data's reference day when applied. */
export const TEMPLATE_PERIODS = [
  'last_complete_month',
  'last_complete_quarter',
  'quarter_to_date',
  'year_to_date',
  'custom',
] as const;
export type TemplatePeriod = (typeof TEMPLATE_PERIODS)[number];

/** Entities a slot can stand for (the roles' entities in shared/model/roles.ts). */
export const SLOT_ENTITIES = ['deal', 'account', 'activity', 'cost', 'lead', 'target'] as const;
export type SlotEntity = (typeof SLOT_ENTITIES)[number];

/** A source the template needs: "the deals", "the activities"... bound to a workspace source when applied. */
export interface TemplateSlot {
  /** Referenced by widget specs as "$<id>". */
  id: string;
  entity: SlotEntity;
  /** Roles the widgets read on this slot: each must be mapped on the bound source. */
  roles: string[];
  /** Optional slots: widgets on them are left out when the workspace has no such source. */
  optional?: boolean;
}

export interface TemplateParameters {
  period: TemplatePeriod;
  /** For period 'custom'. */
  customPeriod?: { from: string; to: string };
  compare: CompareTo | null;
  /** Default selections of the filter bar (segment, team ...), by role. */
  defaults: { role: string; values: (string | number | boolean | null)[] }[];
}

export interface TemplateDashboard {
  name: string;
  widgets: Widget[];
  filters: DashboardFilterBar;
}

export interface Template {
  format: typeof TEMPLATE_FORMAT;
  version: typeof TEMPLATE_VERSION;
  /** Stable id: "monthly-business-review" for a built-in, a generated id otherwise. */
  id: string;
  name: string;
  description: string;
  /** Built-in templates carry catalog keys so that their name and description follow the UI language. */
  nameKey?: string;
  descriptionKey?: string;
  origin: 'builtin' | 'personal' | 'imported';
  createdAt: string;
  slots: TemplateSlot[];
  parameters: TemplateParameters;
  /**
   * Stage names the template's filters were written against, per slot (those of the data it was
   * saved from); applying it to data with other stage names asks for a mapping.
   */
  stages?: Record<string, string[]>;
  dashboard: TemplateDashboard;
}

/** What applying a template to a workspace needs decided: which source fills each slot, and fixes. */
export interface TemplateBinding {
  /** slot id -> source name. */
  sources: Record<string, string>;
  /** slot id -> template stage name -> stage name in the data. */
  stageMap?: Record<string, Record<string, string>>;
  period?: TemplatePeriod;
  customPeriod?: { from: string; to: string };
}

/** One thing that stops a template from running as it is, with the fix the UI offers. */
export type TemplateProblem =
  | { kind: 'no_source'; slot: string; entity: SlotEntity; candidates: string[] }
  | { kind: 'missing_role'; slot: string; source: string; role: string; candidates: { column: string; type: string }[] }
  | { kind: 'missing_column'; slot: string; source: string; column: string; widget: string; suggestion: string | null }
  | { kind: 'unknown_stage'; slot: string; source: string; stage: string; candidates: string[]; suggestion: string | null }
  | { kind: 'new_stage'; slot: string; source: string; stage: string }
  | { kind: 'empty_period'; slot: string; source: string; period: PeriodInput; rows: 0 };

/** The outcome of checking a template against a workspace: nothing runs until `problems` is empty (new_stage is informative). */
export interface TemplateCheck {
  binding: TemplateBinding;
  problems: TemplateProblem[];
  /** Widgets left out because their optional slot has no source. */
  skippedWidgets: string[];
}
