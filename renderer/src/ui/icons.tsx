// A few inline SVG icons (no icon font: the CSP allows no remote content).
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
