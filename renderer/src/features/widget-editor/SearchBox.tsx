// The search box above the editor's field and KPI lists: its placeholder is its accessible name.
export function SearchBox({ value, onChange, label, testId }: { value: string; onChange(value: string): void; label: string; testId: string }) {
  return <input className="input we-search" type="search" value={value} placeholder={label} aria-label={label} data-testid={testId} onChange={(e) => onChange(e.target.value)} />;
}
