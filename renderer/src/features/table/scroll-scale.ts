// Browsers cap an element's height (Chrome ~33.5M px, Firefox ~17.9M px): a million rows of 30 px
// do not fit. Past MAX_BODY_PX the scrollable body is capped and scroll positions are scaled, so the
// scrollbar still spans every row while the rows themselves are laid out at their virtual offsets.

export const MAX_BODY_PX = 8_000_000;

/** Height given to the scrollable body for a virtual height. */
export function realHeight(virtualHeight: number): number {
  return Math.min(virtualHeight, MAX_BODY_PX);
}

/**
 * Virtual pixels per real pixel of scroll, such that the last real scroll position shows the last
 * virtual row: (virtual - viewport) / (real - viewport). 1 when nothing is capped.
 */
export function scrollScale(virtualHeight: number, viewportHeight: number): number {
  const real = realHeight(virtualHeight);
  if (real >= virtualHeight || real <= viewportHeight) return 1;
  return (virtualHeight - viewportHeight) / (real - viewportHeight);
}
