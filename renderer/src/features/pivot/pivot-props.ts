// The props of the pivot component, in a plain module so that code without JSX (tests, the shell's
// pure helpers) can name them.
import type { CellSelector, ResultColumn } from '../../../../shared/api';
import type { ArrowReader } from '../../../../shared/arrow/cells';
import type { Currency, NumberLocale, Theme } from '../../../../shared/dashboard/types';
import type { AnalysisSpec } from '../../../../shared/spec/types';
import type { MeasureFormat } from './pivot-model';

/** The workspace's display settings the tables follow. */
export interface TableDisplay {
  locale: NumberLocale;
  currency: Currency;
  theme: Theme;
}

export interface PivotTableProps {
  reader: ArrowReader;
  columns: readonly ResultColumn[];
  spec: AnalysisSpec;
  display: TableDisplay;
  /** 'pivot' (default) nests the dimensions; 'table' lists the result's rows as they come. */
  mode?: 'pivot' | 'table';
  /** Tint the measure cells by their place in the measure's range. */
  colorScale?: boolean;
  /** Whether a higher figure is good news: green/red scale and change arrows. Unknown: one neutral hue. */
  higherIsBetter?: boolean;
  /** A click on a figure or a row header: the cell's dimensions, for a cross-filter. */
  onSelect?(cell: CellSelector): void;
  /** A double-click or Enter: the rows behind the figure. */
  onDrill?(cell: CellSelector): void;
  selected?: CellSelector | null;
  /** Accessible name (the widget's title). */
  label?: string;
  /** Formats known better than the guess from the spec, by measure id. */
  formats?: Readonly<Record<string, MeasureFormat>>;
  testId?: string;
}
