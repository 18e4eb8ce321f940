// The app's few inline SVG icons (no icon font: the CSP allows no remote content).
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

export const TableIcon = () => (
  <svg {...common}>
    <rect x="2" y="2.5" width="12" height="11" rx="1.5" />
    <path d="M2 6h12M6 6v7.5" />
  </svg>
);

export const UploadIcon = () => (
  <svg {...common}>
    <path d="M8 10.5V2.5M4.5 6 8 2.5 11.5 6M2.5 10.5v2a1 1 0 0 0 1 1h9a1 1 0 0 0 1-1v-2" />
  </svg>
);

export const DatabaseIcon = () => (
  <svg {...common}>
    <ellipse cx="8" cy="3.75" rx="5.5" ry="1.75" />
    <path d="M2.5 3.75v8.5c0 1 2.5 1.75 5.5 1.75s5.5-.75 5.5-1.75v-8.5M2.5 8c0 1 2.5 1.75 5.5 1.75S13.5 9 13.5 8" />
  </svg>
);

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
