// A text the engine built (an import warning, a progress step, a detection reason), in the user's
// language when the engine gave its catalog key, else in English, marked as such for screen readers.
import { engineTextOf, type EngineTextRef } from '../../../shared/i18n';
import { useT } from './I18nProvider';

export function EngineText({ text, english, className }: { text: EngineTextRef | undefined; english: string; className?: string }) {
  const t = useT();
  const shown = engineTextOf(t, text, english);
  return (
    <span className={className} lang={shown.translated ? undefined : 'en'}>
      {shown.text}
    </span>
  );
}
