// The chart labels in the UI language, for building WidgetChartInput in components.
import { useMemo } from 'react';
import { useT } from '../i18n/I18nProvider';
import { chartLabels, type ChartLabels } from './labels';

export function useChartLabels(): ChartLabels {
  const t = useT();
  return useMemo(() => chartLabels(t), [t]);
}
