// What an import detects and what the user may override: plain data shared by the import dialog,
// the CLI's --json output and the core's import pipeline.
import type { MessageRef } from '../result';

export const TEXT_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252', 'iso-8859-1'] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

export const DATE_ORDERS = ['DMY', 'MDY', 'YMD'] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];

/** The type a column of text is read into. */
export const VALUE_KINDS = ['text', 'integer', 'decimal', 'percent', 'date', 'timestamp', 'boolean'] as const;
export type ValueKind = (typeof VALUE_KINDS)[number];

/** Every setting of an import; detection fills them, the user may override any. */
export interface ImportSettings {
  format: 'csv' | 'xlsx';
  encoding: TextEncoding;
  /** One character, or a short string such as ", " */
  delimiter: string;
  quote: '"' | "'" | '';
  escape: string;
  /** Lines (or sheet rows) before the header: titles, export notes. */
  skipRows: number;
  /** 0 = the file has no header (columns are named column_1...), 1 usually, 2-3 for stacked headers. */
  headerRows: number;
  decimalSeparator: '.' | ',';
  thousandsSeparator: '' | ',' | '.' | ' ' | "'";
  /** How ambiguous numeric dates like 03/04/2024 are read. */
  dateOrder: DateOrder;
  /** Values read as empty, besides the empty string. */
  nullTokens: string[];
  /** XLSX: the sheet to read (null = first visible). */
  sheet: string | null;
  /** Per column (by its final name): the kind to read it as, overriding detection. */
  columnKinds: Record<string, ValueKind>;
}

export interface ConversionSample {
  /** 1-based line in the file (or row in the sheet) where the value stands. */
  line: number;
  value: string;
}

/** One column as it will be imported. */
export interface ColumnPlan {
  /** Position in the file's records. */
  index: number;
  /** Final name: unique, readable, never empty. */
  name: string;
  /** The header text as found (joined for multi-row headers), '' when there was none. */
  header: string;
  kind: ValueKind;
  /** strptime format for dates and timestamps ('%d/%m/%Y'), 'excel-serial', or null. */
  format: string | null;
  /** Currency symbol or code stripped from the values, if any ('$', '€', 'EUR'). */
  currency: string | null;
  /** Values that were not empty or a null token. */
  nonEmpty: number;
  /** Non-empty values that do not convert to the kind: they would become empty. */
  failed: number;
  samples: ConversionSample[];
}

export type ImportWarningCode =
  | 'AMBIGUOUS_DATE_ORDER'
  | 'CONVERSION_FAILURES'
  | 'RENAMED_HEADERS'
  | 'TRANSCODED'
  | 'MERGED_CELLS'
  | 'ERROR_CELLS'
  | 'HIDDEN_SHEET'
  | 'RAGGED_ROWS'
  | 'SECOND_TABLE'
  | 'EMPTY_FILE';

export interface ImportWarning {
  code: ImportWarningCode;
  /** English; the UI shows `messageKey` in the user's language when it is set. */
  message: string;
  column?: string;
  /**
   * The same message as a catalog key ("warnings.hiddenSheet", shared/i18n) with its ICU values; a
   * value may itself be a catalog text (MessageRef), translated first.
   */
  messageKey?: string;
  values?: Record<string, string | number | MessageRef>;
}

export interface SheetInfo {
  name: string;
  hidden: boolean;
  rows: number;
  columns: number;
}

/** A column mapped to a canonical role (see shared/model/roles.ts). */
export interface RoleAssignment {
  role: string;
  column: string;
  /** 0..1 */
  confidence: number;
  /** Why, in a few words: "header 'Propriétaire' is a French synonym of owner". English. */
  reason: string;
  /** The same reason as a catalog text (namespace `detect` of shared/i18n), for the UI's language. */
  reasonText?: MessageRef;
  origin: 'detected' | 'preset' | 'remembered' | 'user';
}

/** An existing source the file looks like: importing it adds a dated snapshot. */
export interface SourceMatch {
  source: string;
  /** Same header signature as the source's snapshots. */
  reason: string;
  /** The snapshot date the import would use (YYYY-MM-DD). */
  snapshotDate: string;
}

/** What the import dialog shows before anything is written. */
export interface ImportInspection {
  file: string;
  settings: ImportSettings;
  /** Which settings were detected (true) rather than given by the caller (false). */
  detected: Partial<Record<keyof ImportSettings, boolean>>;
  sheets: SheetInfo[];
  columns: ColumnPlan[];
  /** First rows as they will be imported, converted, as display text (null = empty). */
  preview: (string | null)[][];
  /** Data rows in the file: exact when the whole file was read, else estimated from its size. */
  rowCount: number;
  rowCountExact: boolean;
  warnings: ImportWarning[];
  /** Proposed role of each column (user can correct before importing). */
  roles: RoleAssignment[];
  /** CRM whose export this looks like ("Salesforce", "Zoho CRM"...), if recognised. */
  preset: string | null;
  /** Source name the import would create or extend. */
  sourceName: string;
  match: SourceMatch | null;
  /** Snapshot date the import would use when no match: from the file name, else today. */
  snapshotDate: string;
}

/** What an import did. */
export interface ImportReport {
  source: string;
  snapshotDate: string;
  /** True when it added a snapshot to an existing source. */
  addedSnapshot: boolean;
  rowCount: number;
  settings: ImportSettings;
  columns: ColumnPlan[];
  roles: RoleAssignment[];
  preset: string | null;
  warnings: ImportWarning[];
}

export const DEFAULT_NULL_TOKENS = ['N/A', 'n/a', 'NA', '#N/A', '-', 'null', 'NULL', 'None', 'Select', '(blank)'];
