// The dashboard's few inline SVG icons (the CSP allows no remote content, and no icon font).
const common = {
  width: 16,
  height: 16,
  viewBox: '0 0 16 16',
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 1.5,
  strokeLinecap: 'round' as const,
  strokeLinejoin: 'round' as const,
  'aria-hidden': true,
};

export const MoreIcon = () => (
  <svg {...common}>
    <circle cx="3.5" cy="8" r="0.9" fill="currentColor" />
    <circle cx="8" cy="8" r="0.9" fill="currentColor" />
    <circle cx="12.5" cy="8" r="0.9" fill="currentColor" />
  </svg>
);

export const ChevronDownIcon = () => (
  <svg {...common} width={12} height={12}>
    <path d="M4 6l4 4 4-4" />
  </svg>
);

export const UndoIcon = () => (
  <svg {...common} width={14} height={14}>
    <path d="M5.5 4 2.5 7l3 3" />
    <path d="M2.5 7h7a4 4 0 0 1 0 8H7" />
  </svg>
);

export const RedoIcon = () => (
  <svg {...common} width={14} height={14}>
    <path d="M10.5 4l3 3-3 3" />
    <path d="M13.5 7h-7a4 4 0 0 0 0 8H9" />
  </svg>
);
