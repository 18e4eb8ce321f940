// The built-in templates: files of the app (resources/templates/*.json), bundled with the code so
// that every host finds them wherever it runs. Each is read through the same parser as an imported
// file: a built-in that stopped being valid fails loudly (test/integration/template-builtin.test.ts).
import { parseTemplate } from '../../../shared/template/schema';
import type { Template } from '../../../shared/template/types';
import crmUsage from '../../../resources/templates/crm-usage-data-quality.json';
import funnel from '../../../resources/templates/marketing-sales-funnel.json';
import monthly from '../../../resources/templates/monthly-business-review.json';
import pipeline from '../../../resources/templates/pipeline-forecast.json';
import repReview from '../../../resources/templates/rep-performance-review.json';

const FILES: ReadonlyArray<[string, unknown]> = [
  ['monthly-business-review.json', monthly],
  ['rep-performance-review.json', repReview],
  ['pipeline-forecast.json', pipeline],
  ['marketing-sales-funnel.json', funnel],
  ['crm-usage-data-quality.json', crmUsage],
];

let cache: Template[] | null = null;

/** The built-in templates, in library order. */
export function builtinTemplates(): Template[] {
  if (cache) return cache;
  cache = FILES.map(([file, doc]) => {
    const parsed = parseTemplate(doc, `resources/templates/${file}`);
    if (!parsed.ok) throw new Error(`built-in template ${file}: ${parsed.error.message}`);
    return { ...parsed.value, origin: 'builtin' as const };
  });
  return cache;
}

/** A built-in template by id, or by name (case and accents ignored): what `--template` accepts. */
export function findBuiltin(idOrName: string): Template | undefined {
  const fold = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
  const wanted = fold(idOrName);
  return builtinTemplates().find((t) => t.id === idOrName || fold(t.name) === wanted || fold(t.id) === wanted);
}
