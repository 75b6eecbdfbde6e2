/**
 * One colour per thread, the same in the panel's lanes and in the editor's marks: a hue per
 * index in the run's thread list, spread by the golden angle so neighbours differ, repeating
 * after `THREAD_HUES` threads. No DOM, no VS Code: both sides import it.
 */

/** Distinct hues before they repeat. */
export const THREAD_HUES = 24;

/** The hue (degrees) of the thread at `index` in the run's thread list. */
export function threadHue(index: number): number {
  const slot = ((Math.floor(index) % THREAD_HUES) + THREAD_HUES) % THREAD_HUES;
  return Math.round((slot * 137.508 + 200) % 360);
}

/** The thread's colour as CSS: solid (`alpha` 1) or translucent, lighter on dark backgrounds. */
export function threadColour(index: number, dark: boolean, alpha = 1): string {
  const l = dark ? 62 : 42;
  return `hsla(${threadHue(index)}, ${dark ? 60 : 65}%, ${l}%, ${alpha})`;
}
