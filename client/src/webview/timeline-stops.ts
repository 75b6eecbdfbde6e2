/**
 * The instants a mode marks (playback `stops`: the choices of a replay that differ from the
 * default, the picks of a game, the checkpoints passed) as a row of small numbered flags over
 * the lanes, at their instants (one flag for the marks of one instant, `1–3`): real buttons
 * (named by what happened there, in the tab order) that move the playhead, with a dashed line
 * down the lanes drawn on the canvas.
 */
import type { Palette } from './colours';
import { el } from './dom';
import type { Stop } from './playback';
import { timeToX, type Viewport } from './viewport';

export class StopsStrip {
  readonly element: HTMLElement;
  private readonly strip: HTMLElement;
  private stops: readonly Stop[] = [];
  /** One flag per instant: its instant and button. */
  private flags: { t: number; button: HTMLButtonElement }[] = [];

  constructor(seek: (t: number) => void) {
    this.strip = el('div', { className: 'ts-stops', attrs: { role: 'list', 'aria-label': 'Marked instants' } });
    this.element = el('div', { className: 'ts-stops-row' }, [el('div', { className: 'ts-axis-spacer' }), this.strip]);
    this.element.hidden = true;
    this.strip.addEventListener('click', (e) => {
      const b = (e.target as HTMLElement).closest<HTMLElement>('[data-t]');
      if (b) seek(Number(b.dataset.t));
    });
  }

  /** The marks to show (those in the hidden future are left out). */
  set(stops: readonly Stop[], revealed: number): void {
    const shown = stops.filter((s) => s.t <= revealed);
    if (shown.length === this.stops.length && shown.every((s, k) => s === this.stops[k])) return;
    this.stops = shown;
    this.element.hidden = shown.length === 0;
    const groups: { t: number; first: number; stops: Stop[] }[] = [];
    shown.forEach((s, k) => {
      const g = groups[groups.length - 1];
      if (g && g.t === s.t) g.stops.push(s);
      else groups.push({ t: s.t, first: k + 1, stops: [s] });
    });
    this.flags = groups.map((g) => {
      const last = g.first + g.stops.length - 1;
      const kind = g.stops.some((s) => s.kind === 'departure') ? 'departure' : g.stops[0].kind;
      const button = el('button', {
        className: 'ts-stop',
        text: last > g.first ? `${g.first}–${last}` : String(g.first),
        attrs: {
          type: 'button',
          'data-t': String(g.t),
          'data-kind': kind,
          'aria-label': g.stops.map((s, k) => `${g.first + k}: ${s.label}`).join('; '),
          title: g.stops.map((s) => s.label).join('\n'),
        },
      });
      return { t: g.t, button };
    });
    this.strip.replaceChildren(...this.flags.map((f) => el('div', { attrs: { role: 'listitem' } }, [f.button])));
  }

  /** Places the flags for the window shown. */
  layout(view: Viewport): void {
    for (const f of this.flags) {
      const x = timeToX(view, f.t);
      f.button.style.left = `${Math.round(x)}px`;
      f.button.classList.toggle('ts-off', x < -8 || x > view.width + 8);
    }
  }

  /** Dashed lines down the lanes at the marked instants. */
  drawLines(ctx: CanvasRenderingContext2D, view: Viewport, height: number, palette: Palette): void {
    if (this.stops.length === 0) return;
    ctx.save();
    ctx.setLineDash([2, 3]);
    ctx.lineWidth = 1;
    for (const s of this.stops) {
      const x = Math.round(timeToX(view, s.t)) + 0.5;
      if (x < 0 || x > view.width) continue;
      ctx.strokeStyle = s.kind === 'departure' ? palette.problem : palette.marker;
      ctx.beginPath();
      ctx.moveTo(x, 0);
      ctx.lineTo(x, height);
      ctx.stroke();
    }
    ctx.restore();
  }
}
