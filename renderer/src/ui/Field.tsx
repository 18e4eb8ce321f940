import type { ReactNode } from 'react';

/** A labelled form control in the builder's side panel. */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      {children}
    </label>
  );
}

interface SelectProps<T extends string> {
  value: T;
  options: readonly { value: T; label: string; disabled?: boolean }[];
  onChange: (value: T) => void;
  testId?: string;
  ariaLabel?: string;
}

export function Select<T extends string>({ value, options, onChange, testId, ariaLabel }: SelectProps<T>) {
  return (
    <select
      className="select"
      value={value}
      data-testid={testId}
      aria-label={ariaLabel}
      onChange={(e) => onChange(e.target.value as T)}
    >
      {options.map((o) => (
        <option key={o.value} value={o.value} disabled={o.disabled}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
