// The calculated-measure editor: a name, the formula with autocomplete (columns, @roles, the
// widget's other measures, functions; arrows to choose, Tab or Enter to accept, Escape to close the
// list) and the compiler's verdict as you type, with the line and column of any error.
import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useT } from '../../i18n/I18nProvider';
import {
  applySuggestion,
  completionContext,
  FORMULA_AGGREGATES,
  FORMULA_SCALARS,
  suggestions,
  type CompletionContext,
  type FormulaVocabulary,
  type Suggestion,
} from './formula-assist';
import type { SpecProblem } from './spec-check';

export interface FormulaDraft {
  formula: string;
  label: string;
}

interface FormulaEditorProps {
  initial: FormulaDraft | null;
  vocabulary: FormulaVocabulary;
  /** The compiler's verdict on the widget with this draft in it (null: it compiles). */
  check(draft: FormulaDraft): SpecProblem | null;
  onSubmit(draft: FormulaDraft): void;
  onCancel(): void;
}

const SUGGESTION_KIND_KEYS = {
  column: 'editor.suggestColumn',
  role: 'editor.suggestRole',
  measure: 'editor.suggestMeasure',
  aggregate: 'editor.suggestAggregate',
  function: 'editor.suggestFunction',
  keyword: 'editor.suggestKeyword',
} as const;

export function FormulaEditor({ initial, vocabulary, check, onSubmit, onCancel }: FormulaEditorProps) {
  const t = useT();
  const [draft, setDraft] = useState<FormulaDraft>(initial ?? { formula: '', label: '' });
  const [cursor, setCursor] = useState(draft.formula.length);
  const [listOpen, setListOpen] = useState(false);
  const [active, setActive] = useState(0);
  const area = useRef<HTMLTextAreaElement>(null);
  const inputId = useId();

  const ctx: CompletionContext | null = useMemo(() => completionContext(draft.formula, cursor), [draft.formula, cursor]);
  // The list opens by itself once a name is being typed (or after @, [ or "); Ctrl+Space forces it.
  const [forced, setForced] = useState(false);
  const typing = ctx !== null && (ctx.prefix !== '' || ctx.form !== 'name');
  const list: Suggestion[] = useMemo(
    () => (ctx && listOpen && (typing || forced) ? suggestions(ctx, vocabulary) : []),
    [ctx, listOpen, typing, forced, vocabulary],
  );
  const problem = useMemo(() => (draft.formula.trim() === '' ? null : check(draft)), [check, draft]);

  const setFormula = (formula: string, at: number, open = true) => {
    setDraft((d) => ({ ...d, formula }));
    setCursor(at);
    setListOpen(open);
    setForced(false);
    setActive(0);
  };

  const accept = (s: Suggestion) => {
    if (!ctx) return;
    const next = applySuggestion(draft.formula, cursor, ctx, s);
    setFormula(next.text, next.cursor, false);
    requestAnimationFrame(() => {
      area.current?.focus();
      area.current?.setSelectionRange(next.cursor, next.cursor);
    });
  };

  const insert = (text: string) => {
    const el = area.current;
    const at = el?.selectionStart ?? draft.formula.length;
    const end = el?.selectionEnd ?? at;
    const next = draft.formula.slice(0, at) + text + draft.formula.slice(end);
    setFormula(next, at + text.length, false);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + text.length, at + text.length);
    });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (list.length > 0) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : list.length - 1)) % list.length);
        return;
      }
      if (e.key === 'Tab' || e.key === 'Enter') {
        e.preventDefault();
        accept(list[active] ?? list[0]!);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        setListOpen(false);
        return;
      }
    }
    if (e.key === ' ' && e.ctrlKey) {
      e.preventDefault();
      setListOpen(true);
      setForced(true);
      return;
    }
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      if (!problem && draft.formula.trim()) onSubmit(draft);
    }
  };

  const lines = draft.formula.split('\n');
  const errorLine = problem?.line !== null && problem?.line !== undefined ? lines[problem.line - 1] : undefined;

  return (
    <div
      className="we-formula"
      data-testid="formula-editor"
      onKeyDown={(e) => {
        // An open suggestion list takes Escape first (the textarea stops it); then the formula closes, not the editor.
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <h3 className="we-formula-title">{initial ? t('editor.formulaEditTitle') : t('editor.formulaNewTitle')}</h3>
      <label className="we-settings-field">
        <span>{t('editor.formulaName')}</span>
        <input
          className="input input-compact"
          value={draft.label}
          placeholder={t('editor.formulaNamePlaceholder')}
          data-testid="formula-name"
          onChange={(e) => setDraft((d) => ({ ...d, label: e.target.value }))}
        />
      </label>
      <div className="we-settings-field">
        <label htmlFor={inputId}>{t('editor.formula')}</label>
        <div className="we-formula-box">
          <textarea
            id={inputId}
            ref={area}
            className="input we-formula-input"
            rows={3}
            spellCheck={false}
            value={draft.formula}
            placeholder={t('editor.formulaPlaceholder')}
            data-testid="formula-input"
            aria-autocomplete="list"
            aria-controls="we-formula-suggestions"
            aria-invalid={problem !== null}
            onChange={(e) => setFormula(e.target.value, e.target.selectionStart)}
            onSelect={(e) => setCursor(e.currentTarget.selectionStart)}
            onKeyDown={onKeyDown}
            onBlur={() => setTimeout(() => setListOpen(false), 150)}
          />
          {list.length > 0 && (
            <ul className="we-suggestions" id="we-formula-suggestions" role="listbox" data-testid="formula-suggestions">
              {list.map((s, i) => (
                <li
                  key={`${s.kind}:${s.label}`}
                  role="option"
                  aria-selected={i === active}
                  className={`we-suggestion ${i === active ? 'we-suggestion-active' : ''}`}
                  onMouseDown={(e) => {
                    e.preventDefault();
                    accept(s);
                  }}
                >
                  <span className="we-suggestion-label">{s.label}</span>
                  <span className="we-suggestion-kind">{s.kind === 'role' && s.detail ? s.detail : t(SUGGESTION_KIND_KEYS[s.kind])}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      {problem ? (
        <div className="we-formula-error" role="alert" data-testid="formula-error">
          <div>
            {problem.line !== null && problem.column !== null
              ? t('editor.formulaErrorAt', { line: problem.line, column: problem.column, message: problem.message.replace(/ at \d+:\d+$/, '') })
              : problem.message}
          </div>
          {errorLine !== undefined && problem.column !== null && (
            <pre className="we-formula-caret" aria-hidden="true">
              {errorLine}
              {'\n'}
              {' '.repeat(Math.max(0, problem.column - 1))}^
            </pre>
          )}
        </div>
      ) : (
        draft.formula.trim() !== '' && (
          <div className="we-formula-ok" data-testid="formula-ok">
            {t('editor.formulaOk')}
          </div>
        )
      )}
      <div className="we-formula-palette" aria-label={t('editor.functions')}>
        {[...FORMULA_AGGREGATES, ...FORMULA_SCALARS].map((f) => (
          <button key={f.name} type="button" className="we-token" title={`${f.name}(${f.args})`} onClick={() => insert(`${f.name}(`)}>
            {f.name}
          </button>
        ))}
      </div>
      <p className="we-settings-note">{t('editor.formulaHelp')}</p>
      <div className="we-settings-row we-settings-actions">
        <button type="button" className="button button-small" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className="button button-small button-primary"
          disabled={problem !== null || draft.formula.trim() === ''}
          data-testid="formula-submit"
          onClick={() => onSubmit(draft)}
        >
          {initial ? t('editor.formulaUpdate') : t('editor.formulaAdd')}
        </button>
      </div>
    </div>
  );
}
