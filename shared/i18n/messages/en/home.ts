// Home: the workspace's flash figures and the way into the dashboards.
export default {
  title: 'Flash figures',
  period: '{month} compared with {previous} · {source}',
  noDeals: 'No source with deals (amount, status and close date) to compute the figures from: import your CRM export in Data.',
  settings: 'Display settings',
  tilesLabel: 'Key figures',
  current: 'as it stands today',
  tileFailed: 'Could not compute this figure',
  dashboards: 'Dashboards',
  noDashboards: 'No dashboard yet.',
  createDashboard: 'Create one',
  widgets: '{count, plural, =0 {empty} one {# widget} other {# widgets}}',
};
