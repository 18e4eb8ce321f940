// One worksheet's XML, cell by cell: each <row> becomes an array of display strings (sparse, by
// column index), handed on as soon as the row closes.
import { NumKind, isoCellText, percentText, plainNumber, serialText } from './xlsx-format';
import { unescapeOoxml } from './xlsx-workbook';
import type { Attrs, XmlHandler } from './xlsx-xml';

export interface CellContext {
  sharedStrings: string[];
  numberKinds: NumKind[];
  date1904: boolean;
}

export interface Range {
  ref: string;
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

/** Column letters to a 0-based index ("A" → 0, "AA" → 26); -1 when there are none. */
export function columnIndex(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 0x20; // lower case
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
  }
  return i === 0 ? -1 : col - 1;
}

export function columnName(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function cellName(row: number, col: number): string {
  return columnName(col) + row;
}

/** "B2:D4" as 1-based rows and 0-based columns; null for a single cell or nonsense. */
export function parseRange(ref: string): Range | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(ref.trim());
  if (!m) return null;
  const c1 = columnIndex(m[1]!);
  const r1 = Number(m[2]);
  const c2 = m[3] ? columnIndex(m[3]) : c1;
  const r2 = m[4] ? Number(m[4]) : r1;
  return { ref: ref.trim(), r1: Math.min(r1, r2), c1: Math.min(c1, c2), r2: Math.max(r1, r2), c2: Math.max(c1, c2) };
}

export interface CellIssue {
  count: number;
  /** The first few: "C5 #DIV/0!". */
  samples: string[];
}

const SAMPLE_LIMIT = 5;

function note(issue: CellIssue, text: string): void {
  issue.count++;
  if (issue.samples.length < SAMPLE_LIMIT) issue.samples.push(text);
}

export class SheetParser implements XmlHandler {
  readonly errors: CellIssue = { count: 0, samples: [] };
  readonly uncachedFormulas: CellIssue = { count: 0, samples: [] };
  readonly merges: Range[] = [];
  dimension: string | null = null;
  /** Set once <sheetData> has been seen to open (what comes before it is sheet metadata). */
  sheetDataStarted = false;
  sheetDataEnded = false;

  private row = 0;
  private cells: string[] = [];
  private lastCol = -1;

  private inCell = false;
  private col = 0;
  private style = 0;
  private type = 'n';
  private hasFormula = false;
  private hasValue = false;
  private hasInline = false;
  private value = '';
  private inline = '';
  private inV = false;
  private inT = false;
  private phonetic = 0;

  /**
   * ctx null: only tell empty from not empty (any cell with a value counts), without shared
   * strings or styles, for counting a sheet's extent. formatNumbers false: numbers and dates are
   * reported as 'x' (not empty) without being formatted, for finding the extent of the data.
   */
  constructor(
    private readonly ctx: CellContext | null,
    private readonly onRow: (row: number, cells: string[]) => void,
    private readonly formatNumbers = true,
  ) {}

  open(name: string, a: Attrs): void {
    switch (name) {
      case 'c': {
        this.inCell = true;
        const ref = a.r;
        const col = ref !== undefined ? columnIndex(ref) : -1;
        this.col = col >= 0 ? col : this.lastCol + 1;
        this.lastCol = this.col;
        this.style = a.s !== undefined ? Number(a.s) || 0 : 0;
        this.type = a.t ?? 'n';
        this.hasFormula = false;
        this.hasValue = false;
        this.hasInline = false;
        this.value = '';
        this.inline = '';
        return;
      }
      case 'v':
        if (this.inCell) {
          this.inV = true;
          this.value = '';
        }
        return;
      case 'f':
        if (this.inCell) this.hasFormula = true;
        return;
      case 'is':
        if (this.inCell) this.hasInline = true;
        return;
      case 't':
        if (this.hasInline && this.phonetic === 0) this.inT = true;
        return;
      case 'rPh':
        this.phonetic++;
        return;
      case 'row': {
        const r = a.r !== undefined ? Number(a.r) : NaN;
        this.row = Number.isInteger(r) && r > 0 ? r : this.row + 1;
        this.cells = [];
        this.lastCol = -1;
        return;
      }
      case 'sheetData':
        this.sheetDataStarted = true;
        return;
      case 'dimension':
        if (a.ref !== undefined) this.dimension = a.ref;
        return;
      case 'mergeCell': {
        const range = a.ref !== undefined ? parseRange(a.ref) : null;
        if (range && (range.r1 !== range.r2 || range.c1 !== range.c2)) this.merges.push(range);
        return;
      }
    }
  }

  close(name: string): void {
    switch (name) {
      case 'v':
        if (this.inV) {
          this.inV = false;
          this.hasValue = true;
        }
        return;
      case 't':
        this.inT = false;
        return;
      case 'rPh':
        this.phonetic--;
        return;
      case 'c':
        if (this.inCell) {
          this.inCell = false;
          const text = this.ctx ? this.render(this.ctx) : this.hasValue || this.hasInline ? 'x' : '';
          if (text !== '') this.cells[this.col] = text;
        }
        return;
      case 'row':
        this.onRow(this.row, this.cells);
        this.cells = [];
        return;
      case 'sheetData':
        this.sheetDataEnded = true;
        return;
    }
  }

  text(t: string): void {
    if (this.inV) this.value += t;
    else if (this.inT) this.inline += t;
  }

  private render(ctx: CellContext): string {
    const v = this.value;
    switch (this.type) {
      case 's': {
        if (!this.hasValue) return this.missing();
        return ctx.sharedStrings[Number(v)] ?? '';
      }
      case 'inlineStr':
        if (this.hasInline) return unescapeOoxml(this.inline);
        return this.hasValue ? unescapeOoxml(v) : this.missing();
      case 'str':
        return this.hasValue ? unescapeOoxml(v) : this.hasInline ? unescapeOoxml(this.inline) : this.missing();
      case 'b':
        if (!this.hasValue) return this.missing();
        return v.trim() === '1' || v.trim().toLowerCase() === 'true' ? 'TRUE' : 'FALSE';
      case 'e': {
        const error = v.trim() || '#ERROR';
        note(this.errors, `${cellName(this.row, this.col)} ${error}`);
        return '';
      }
      case 'd': {
        if (!this.hasValue) return this.missing();
        if (!this.formatNumbers) return v.trim() === '' ? '' : 'x';
        const kind = ctx.numberKinds[this.style] ?? NumKind.Plain;
        return isoCellText(v, kind) ?? v.trim();
      }
      case 'n': {
        if (!this.hasValue || v.trim() === '') return this.hasInline ? unescapeOoxml(this.inline) : this.missing();
        if (!this.formatNumbers) return 'x';
        const n = Number(v);
        if (Number.isNaN(n)) return v.trim();
        const kind = ctx.numberKinds[this.style] ?? NumKind.Plain;
        if (kind === NumKind.Plain) return plainNumber(n);
        if (kind === NumKind.Percent) return percentText(n);
        return serialText(n, kind, ctx.date1904);
      }
      default:
        return this.hasValue ? unescapeOoxml(v) : unescapeOoxml(this.inline);
    }
  }

  /** A cell without a value: empty, or a formula Excel never calculated. */
  private missing(): string {
    if (this.hasFormula) note(this.uncachedFormulas, cellName(this.row, this.col));
    return '';
  }
}
