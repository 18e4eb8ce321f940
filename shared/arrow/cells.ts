// The one place where Arrow values become plain JS cell values, on every side (renderer, CLI):
// 64-bit integers become numbers (exact below 2^53), dates 'YYYY-MM-DD', timestamps
// 'YYYY-MM-DD HH:MM:SS[.ffffff]' in UTC. Charts sort numbers as numbers, never as text.
import type { Type} from 'apache-arrow';
import { DataType, type Table, tableFromIPC, type Vector } from 'apache-arrow';

export type CellValue = string | number | boolean | null;

export interface ArrowColumnReader {
  name: string;
  typeId: Type;
  /** Broad family, for alignment and formatting. */
  family: 'number' | 'date' | 'timestamp' | 'text' | 'boolean';
  get(row: number): CellValue;
  /** Numeric view for charts: NaN for nulls and non-numbers. */
  number(row: number): number;
}

export interface ArrowReader {
  table: Table;
  numRows: number;
  columns: ArrowColumnReader[];
  column(name: string): ArrowColumnReader | undefined;
  /** Row objects: for small results only (pivots, windows), never whole tables. */
  rows(): Record<string, CellValue>[];
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function formatDateMs(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export function formatTimestampMs(ms: number, micros = 0): string {
  const d = new Date(ms);
  const base = `${formatDateMs(ms)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const frac = (d.getUTCMilliseconds() * 1000 + micros) % 1_000_000;
  return frac ? `${base}.${pad(frac, 6).replace(/0+$/, '')}` : base;
}

function toMs(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.getTime();
  return Number.NaN;
}

function timestampMs(raw: unknown, unit: number): { ms: number; micros: number } {
  // Arrow JS returns timestamps as epoch milliseconds (number); keep sub-ms digits when we can.
  if (typeof raw === 'bigint') {
    const factor = [1000n, 1n, 1000n, 1000000n][unit] ?? 1n; // SECOND, MILLISECOND, MICROSECOND, NANOSECOND
    if (unit === 0) return { ms: Number(raw * factor), micros: 0 };
    if (unit === 1) return { ms: Number(raw), micros: 0 };
    const ms = Number(raw / factor);
    const rest = Number(raw % factor);
    return { ms, micros: unit === 2 ? rest : Math.floor(rest / 1000) };
  }
  const ms = toMs(raw);
  return { ms: Math.floor(ms), micros: Math.round((ms - Math.floor(ms)) * 1000) };
}

function columnReader(name: string, vector: Vector): ArrowColumnReader {
  const type = vector.type as DataType;
  const typeId = type.typeId;
  const get = (row: number): unknown => vector.get(row);
  let family: ArrowColumnReader['family'] = 'text';
  let cell: (row: number) => CellValue;
  if (DataType.isInt(type) || DataType.isFloat(type) || DataType.isDecimal(type)) {
    family = 'number';
    cell = (row) => {
      const v = get(row);
      if (v === null || v === undefined) return null;
      return typeof v === 'bigint' ? Number(v) : Number(v);
    };
  } else if (DataType.isDate(type)) {
    family = 'date';
    cell = (row) => {
      const v = get(row);
      return v === null || v === undefined ? null : formatDateMs(toMs(v));
    };
  } else if (DataType.isTimestamp(type)) {
    family = 'timestamp';
    const unit = (type as unknown as { unit: number }).unit;
    cell = (row) => {
      const v = get(row);
      if (v === null || v === undefined) return null;
      const { ms, micros } = timestampMs(v, unit);
      return formatTimestampMs(ms, micros);
    };
  } else if (DataType.isBool(type)) {
    family = 'boolean';
    cell = (row) => {
      const v = get(row);
      return v === null || v === undefined ? null : Boolean(v);
    };
  } else {
    cell = (row) => {
      const v = get(row);
      return v === null || v === undefined ? null : String(v);
    };
  }
  const number = (row: number): number => {
    if (family === 'number') {
      const v = cell(row);
      return typeof v === 'number' ? v : Number.NaN;
    }
    if (family === 'date' || family === 'timestamp') {
      const v = get(row);
      return v === null || v === undefined ? Number.NaN : toMs(v);
    }
    return Number.NaN;
  };
  return { name, typeId, family, get: cell, number };
}

export function readArrow(ipc: Uint8Array): ArrowReader {
  const table = tableFromIPC(ipc);
  const columns = table.schema.fields.map((field, i) => columnReader(field.name, table.getChildAt(i)!));
  const byName = new Map(columns.map((c) => [c.name, c]));
  return {
    table,
    numRows: table.numRows,
    columns,
    column: (name) => byName.get(name),
    rows: () => {
      const out: Record<string, CellValue>[] = [];
      for (let r = 0; r < table.numRows; r++) {
        const row: Record<string, CellValue> = {};
        for (const c of columns) row[c.name] = c.get(r);
        out.push(row);
      }
      return out;
    },
  };
}
