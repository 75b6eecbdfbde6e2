/**
 * Small DOM helpers. Every string from a scenario goes through `textContent`, never through
 * `innerHTML`, so a name like `<img src=x onerror=…>` is shown as text.
 */

export interface ElOptions {
  className?: string;
  text?: string;
  attrs?: Record<string, string>;
}

/** Creates an HTML element with a class, text content and attributes. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  opts: ElOptions = {},
  children: Node[] = [],
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (opts.className) e.className = opts.className;
  if (opts.text !== undefined) e.textContent = opts.text;
  for (const [k, v] of Object.entries(opts.attrs ?? {})) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Creates an SVG element with attributes. */
export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number> = {},
): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

/** A 16×16 icon from SVG path data (decorative: the button carries the label). */
export function icon(d: string): SVGSVGElement {
  const s = svg('svg', { viewBox: '0 0 16 16', width: 16, height: 16, 'aria-hidden': 'true', focusable: 'false' });
  s.append(svg('path', { d, fill: 'currentColor' }));
  return s;
}

/** Formats a tick count: whole ticks as integers, the playhead with one decimal. */
export function formatTime(t: number): string {
  return Number.isInteger(t) ? String(t) : t.toFixed(1);
}
