// Command-line overrides of detected import settings.
import type { TranslateFn } from '../../shared/i18n';
import {
  TEXT_ENCODINGS,
  VALUE_KINDS,
  type ImportSettings,
  type TextEncoding,
  type ValueKind,
} from '../../shared/import/types';

type Values = Record<string, string | boolean | string[] | undefined>;
type Parsed =
  | { ok: true; settings: Partial<ImportSettings>; roles: Record<string, string | null> }
  | { ok: false; message: string };

const DATE_FORMATS: Record<string, ImportSettings['dateOrder']> = {
  dmy: 'DMY',
  'dd/mm/yyyy': 'DMY',
  'dd.mm.yyyy': 'DMY',
  'dd-mm-yyyy': 'DMY',
  mdy: 'MDY',
  'mm/dd/yyyy': 'MDY',
  ymd: 'YMD',
  'yyyy-mm-dd': 'YMD',
  'yyyy.mm.dd': 'YMD',
  'yyyy/mm/dd': 'YMD',
};

const ENCODING_ALIASES: Record<string, TextEncoding> = {
  utf8: 'utf-8',
  cp1252: 'windows-1252',
  win1252: 'windows-1252',
  latin1: 'iso-8859-1',
  'latin-1': 'iso-8859-1',
};

function pairs(t: TranslateFn, list: unknown, what: string): { ok: true; value: [string, string][] } | { ok: false; message: string } {
  const out: [string, string][] = [];
  for (const item of (list as string[] | undefined) ?? []) {
    const at = item.indexOf('=');
    if (at <= 0) return { ok: false, message: t('cli.argPairs', { option: what, item }) };
    out.push([item.slice(0, at), item.slice(at + 1)]);
  }
  return { ok: true, value: out };
}

export function importSettingsFromArgs(values: Values, t: TranslateFn): Parsed {
  const settings: Partial<ImportSettings> = {};
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const encoding = str('encoding')?.toLowerCase();
  if (encoding) {
    const e = ENCODING_ALIASES[encoding] ?? encoding;
    if (!(TEXT_ENCODINGS as readonly string[]).includes(e)) {
      return { ok: false, message: t('cli.argEncoding', { list: TEXT_ENCODINGS.join(', ') }) };
    }
    settings.encoding = e as TextEncoding;
  }
  const delimiter = str('delimiter');
  if (delimiter !== undefined) settings.delimiter = delimiter === '\\t' || delimiter === 'tab' ? '\t' : delimiter;
  const decimal = str('decimal');
  if (decimal !== undefined) {
    if (decimal !== '.' && decimal !== ',') return { ok: false, message: t('cli.argDecimal') };
    settings.decimalSeparator = decimal;
  }
  const thousands = str('thousands');
  if (thousands !== undefined) {
    const sep = thousands === 'none' ? '' : thousands === 'space' ? ' ' : thousands;
    if (!['', ',', '.', ' ', "'"].includes(sep)) return { ok: false, message: t('cli.argThousands') };
    settings.thousandsSeparator = sep as ImportSettings['thousandsSeparator'];
  }
  const dateFormat = str('date-format');
  if (dateFormat) {
    const order = DATE_FORMATS[dateFormat.toLowerCase()];
    if (!order) return { ok: false, message: t('cli.argDateFormat', { list: Object.keys(DATE_FORMATS).join(', ') }) };
    settings.dateOrder = order;
  }
  for (const [key, field] of [
    ['skip-rows', 'skipRows'],
    ['header-rows', 'headerRows'],
  ] as const) {
    const v = str(key);
    if (v !== undefined) {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) return { ok: false, message: t('cli.argWholeNumber', { option: key }) };
      settings[field] = n;
    }
  }
  const sheet = str('sheet');
  if (sheet) settings.sheet = sheet;
  const nulls = values.null as string[] | undefined;
  if (nulls?.length) settings.nullTokens = nulls;
  const types = pairs(t, values.type, '--type');
  if (!types.ok) return types;
  if (types.value.length) {
    for (const [, kind] of types.value) {
      if (!(VALUE_KINDS as readonly string[]).includes(kind)) return { ok: false, message: t('cli.argKinds', { list: VALUE_KINDS.join(', ') }) };
    }
    settings.columnKinds = Object.fromEntries(types.value) as Record<string, ValueKind>;
  }
  const roles = pairs(t, values.role, '--role');
  if (!roles.ok) return roles;
  return {
    ok: true,
    settings,
    roles: Object.fromEntries(roles.value.map(([role, column]) => [role, column === '' || column === 'none' ? null : column])),
  };
}
