// Templates: a dashboard saved once and re-run on every new export, bound to ROLES and source SLOTS
// rather than to column and source names, so that next month's file — from another CRM, in another
// language, with renamed columns — runs the same analysis after a guided mapping.
//
// A template is a file (JSON) with a format tag and a version; older versions are migrated on load
// (migrations.ts). Widget specs name their source as "$<slot>" (e.g. "$deals"); applying a template
// binds each slot to a source of the workspace.
import type { DashboardFilterBar, Widget } from '../dashboard/types';
import type { DayRange } from '../spec/dates';
import type { CompareTo, PeriodInput } from '../spec/types';

export const TEMPLATE_FORMAT = 'quarterdeck-template';
/** The version written today. Every earlier version has a migration in migrations.ts. */
export const TEMPLATE_VERSION = 3;

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
  /**
   * The slot reads the source's history (its dated snapshots stacked, `snapshot: "all"`): it binds
   * to a source with several snapshots, e.g. the monthly pipeline exports. (Version 3.)
   */
  history?: boolean;
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
  /**
   * Built-in templates: widget id -> catalog key of its title, so that the dashboard a template
   * becomes speaks the user's language. (Version 3.)
   */
  titleKeys?: Record<string, string>;
  dashboard: TemplateDashboard;
}

/** What applying a template to a workspace needs decided: which source fills each slot, and fixes. */
export interface TemplateBinding {
  /** slot id -> source name. */
  sources: Record<string, string>;
  /**
   * slot id -> template stage name -> the stage name(s) of the data it stands for. A list maps
   * several stages of the data (or a new one) onto one stage of the template.
   */
  stageMap?: Record<string, Record<string, string | string[]>>;
  period?: TemplatePeriod;
  customPeriod?: { from: string; to: string };
  /** Widgets the user chose to leave out (their roles cannot be mapped on this data). */
  skipWidgets?: string[];
}

/** One thing that stops a template from running as it is, with the fix the UI offers. */
export type TemplateProblem =
  | { kind: 'no_source'; slot: string; entity: SlotEntity; candidates: string[] }
  | {
      kind: 'missing_role';
      slot: string;
      source: string;
      role: string;
      candidates: { column: string; type: string }[];
      /** The widgets that need the role (leaving them out is the other fix); empty: the whole template needs it. */
      widgets: string[];
    }
  | { kind: 'missing_column'; slot: string; source: string; column: string; widget: string; suggestion: string | null }
  | { kind: 'unknown_stage'; slot: string; source: string; stage: string; candidates: string[]; suggestion: string | null }
  | { kind: 'new_stage'; slot: string; source: string; stage: string }
  | {
      kind: 'empty_period';
      slot: string;
      source: string;
      period: PeriodInput;
      rows: 0;
      /** The latest day holding data on the period's field (null: no dated row at all). */
      latest: string | null;
      /** The last complete month holding data: the period the fix proposes. */
      suggestion: DayRange | null;
    };

/** The outcome of checking a template against a workspace: nothing runs until `problems` is empty (new_stage is informative). */
export interface TemplateCheck {
  binding: TemplateBinding;
  problems: TemplateProblem[];
  /** Widgets left out because their optional slot has no source. */
  skippedWidgets: string[];
}

/** Per source: role -> column corrections the user chose while applying a template. */
export type RoleFixes = Record<string, Record<string, string>>;

/** What checking a template against the workspace gives the apply dialog (and the CLI). */
export interface TemplateCheckReport extends TemplateCheck {
  /** The day periods resolve against: the latest snapshot date of the sources bound. */
  referenceDay: string;
  /** The period the template would run on, resolved. */
  period: DayRange;
  /** The stage names found in the data, per slot (what a stage mapping can choose from). */
  dataStages: Record<string, string[]>;
}

/** "Save as template": a dashboard of the workspace, named and described. */
export interface SaveAsTemplateRequest {
  dashboardId: string;
  name: string;
  description: string;
  /** Period, comparison and default filters; the dashboard's own when absent. */
  parameters?: Partial<TemplateParameters>;
}

export interface CheckTemplateRequest {
  id: string;
  /** Sources for slots, stage mappings and the period chosen so far. */
  binding?: Partial<TemplateBinding>;
  /** Role corrections chosen so far (applied for the check only; applyTemplate stores them). */
  roles?: RoleFixes;
}

export interface ApplyTemplateRequest extends CheckTemplateRequest {
  /** UI language for the titles of a built-in template's widgets. */
  language?: string;
}

export interface ExportedTemplate {
  fileName: string;
  text: string;
}
