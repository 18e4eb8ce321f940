/** A thin progress bar; indeterminate (animated) when the fraction is unknown. */
export function ProgressBar({ fraction, label }: { fraction: number | null; label: string }) {
  const known = fraction !== null && Number.isFinite(fraction);
  const percent = known ? Math.round(Math.max(0, Math.min(1, fraction)) * 100) : undefined;
  return (
    <div
      className={`progress ${known ? '' : 'progress-indeterminate'}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      data-testid="progress-bar"
    >
      <div className="progress-fill" style={known ? { width: `${percent}%` } : undefined} />
    </div>
  );
}
