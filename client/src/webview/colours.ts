/**
 * Colours for the canvas, read from CSS custom properties (styles.css maps them to VS Code's
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
  playhead: string;
  problem: string;
  marker: string;
  font: string;
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
  return {
    state,
    process: [1, 2, 3, 4, 5, 6].map((i) => v(`--ts-process-${i}`, '#888')),
    foreground: v('--ts-foreground', '#333'),
    muted: v('--ts-muted', '#888'),
    background: v('--ts-background', '#fff'),
    grid: v('--ts-grid', 'rgba(128,128,128,0.25)'),
    playhead: v('--ts-playhead', '#d00'),
    problem: v('--ts-problem', '#e51400'),
    marker: v('--ts-marker', '#b180d7'),
    font: `${v('--ts-font-size', '12px')} ${v('--ts-font-family', 'sans-serif')}`,
  };
}
