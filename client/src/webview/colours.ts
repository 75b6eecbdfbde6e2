/**
 * Colours for the canvas, read from CSS custom properties (theme.css maps them to VS Code's
 * theme variables, with fallbacks for the standalone page in light and dark schemes).
 */
import type { SpanState } from '../../../server/src/simulator/trace';

export interface Palette {
  state: Record<SpanState, string>;
  /** Colours that tell processes apart on CPU lanes. */
  process: string[];
  foreground: string;
  muted: string;
  background: string;
  grid: string;
  /** The background of a group's heading row. */
  band: string;
  playhead: string;
  problem: string;
  marker: string;
  /** Causes (flows) between events. */
  flow: string;
  /** A lifted priority (inherit, ceiling) on a thread's lane. */
  lift: string;
  /** A process stall on its LWPs' lanes. */
  stall: string;
  font: string;
  /** True on a dark background (thread colours are lighter then). */
  dark: boolean;
  /** True in a high-contrast theme (borders everywhere). */
  contrast: boolean;
}

/** Relative luminance (0–1) of a CSS colour in #rgb, #rrggbb or rgb()/rgba() form; null when unknown. */
export function luminance(css: string): number | null {
  let r: number;
  let g: number;
  let b: number;
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(css.trim());
  const rgb = /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)/i.exec(css.trim());
  if (hex) {
    const h = hex[1].length === 3 ? [...hex[1]].map((c) => c + c).join('') : hex[1];
    [r, g, b] = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16));
  } else if (rgb) {
    [r, g, b] = [rgb[1], rgb[2], rgb[3]].map(Number);
  } else return null;
  const lin = (c: number): number => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

const STATES: SpanState[] = [
  'running',
  'ready',
  'spinning',
  'blocked',
  'io',
  'sleeping',
  'faulted',
  'overhead',
  'parked',
  'held',
];

/** Reads the palette from the document's computed style (call again when the theme changes). */
export function readPalette(root: Element = document.body): Palette {
  const cs = getComputedStyle(root);
  const v = (name: string, fallback: string): string => cs.getPropertyValue(name).trim() || fallback;
  const state = {} as Record<SpanState, string>;
  for (const s of STATES) state[s] = v(`--ts-${s}`, '#888');
  const background = v('--ts-background', '#fff');
  const kind = document.body.dataset.vscodeThemeKind ?? '';
  return {
    state,
    process: [1, 2, 3, 4, 5, 6].map((i) => v(`--ts-process-${i}`, '#888')),
    foreground: v('--ts-foreground', '#333'),
    muted: v('--ts-muted', '#888'),
    background,
    grid: v('--ts-grid', 'rgba(128,128,128,0.25)'),
    band: v('--ts-band', 'rgba(128,128,128,0.15)'),
    playhead: v('--ts-playhead', '#d00'),
    problem: v('--ts-problem', '#e51400'),
    marker: v('--ts-marker', '#b180d7'),
    flow: v('--ts-flow', '#1a85ff'),
    lift: v('--ts-lift', '#bf8803'),
    stall: v('--ts-stall', '#d18616'),
    font: `${v('--ts-font-size', '12px')} ${v('--ts-font-family', 'sans-serif')}`,
    dark: (luminance(getComputedStyle(document.body).backgroundColor) ?? luminance(background) ?? 1) < 0.35,
    contrast: kind.includes('high-contrast'),
  };
}
