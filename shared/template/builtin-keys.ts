// The catalog keys the built-in templates (resources/templates/*.json) name: their names,
// descriptions and widget titles, written out here so that the language checks see them used.
// test/integration/template-builtin.test.ts checks that this list is exactly what the files name.
export const BUILTIN_TEMPLATE_KEYS = [
  // Monthly business-model review
  'templates.builtin_monthly_name',
  'templates.builtin_monthly_description',
  'templates.w_monthly_flash_revenue',
  'templates.w_monthly_flash_won',
  'templates.w_monthly_flash_conversion',
  'templates.w_monthly_flash_created',
  'templates.w_monthly_flash_weighted',
  'templates.w_monthly_segment_revenue',
  'templates.w_monthly_segment_basket',
  'templates.w_monthly_segment_effort',
  'templates.w_monthly_spend_channel',
  'templates.w_monthly_lead_sources',
  'templates.w_monthly_rep_conversion',
  'templates.w_monthly_pipeline_stage',
  'templates.w_monthly_pipeline_history',
  // Rep performance review
  'templates.builtin_rep_name',
  'templates.builtin_rep_description',
  'templates.w_rep_flash_revenue',
  'templates.w_rep_flash_conversion',
  'templates.w_rep_flash_basket',
  'templates.w_rep_flash_pipeline',
  'templates.w_rep_rep_results',
  'templates.w_rep_trend',
  'templates.w_rep_pipeline_rep',
  'templates.w_rep_activities_rep',
  'templates.w_rep_stale_rep',
  // Pipeline & forecast
  'templates.builtin_pipeline_name',
  'templates.builtin_pipeline_description',
  'templates.w_pipeline_flash_pipeline',
  'templates.w_pipeline_flash_weighted',
  'templates.w_pipeline_flash_stale',
  'templates.w_pipeline_flash_created',
  'templates.w_pipeline_by_stage',
  'templates.w_pipeline_late_stage',
  'templates.w_pipeline_probability',
  'templates.w_pipeline_forecast',
  'templates.w_pipeline_stale',
  'templates.w_pipeline_history',
  // Marketing → sales funnel and lead-source ROI
  'templates.builtin_funnel_name',
  'templates.builtin_funnel_description',
  'templates.w_funnel_flash_created',
  'templates.w_funnel_flash_conversion',
  'templates.w_funnel_flash_revenue',
  'templates.w_funnel_created_source',
  'templates.w_funnel_source_roi',
  'templates.w_funnel_stages',
  'templates.w_funnel_spend',
  'templates.w_funnel_loss_reasons',
  // CRM usage and data quality
  'templates.builtin_crm_name',
  'templates.builtin_crm_description',
  'templates.w_crm_deals_rep',
  'templates.w_crm_activities_rep',
  'templates.w_crm_empty_fields',
  'templates.w_crm_stale',
  'templates.w_crm_probability',
  'templates.w_crm_probability_map',
] as const;

export type BuiltinTemplateKey = (typeof BUILTIN_TEMPLATE_KEYS)[number];

const KEYS: ReadonlySet<string> = new Set(BUILTIN_TEMPLATE_KEYS);

/** Whether a key named by a template file is one of the built-in templates' catalog keys. */
export function isBuiltinTemplateKey(key: string | undefined): key is BuiltinTemplateKey {
  return key !== undefined && KEYS.has(key);
}
