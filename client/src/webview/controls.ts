/**
 * The playback toolbar and keyboard shortcuts. Every control is a real, focusable element
 * with an aria-label; the shortcuts map to the same playback actions.
 */
import { el, formatTime, icon } from './dom';
import { SPEEDS, type PlaybackAction, type PlaybackState } from './playback';

const ICONS = {
  home: 'M3 3h2v10H3zM13 3v10L6 8z',
  prev: 'M3 3h2v10H3zM14 3v10L7 8z',
  play: 'M4 2v12l10-6z',
  pause: 'M4 2h3v12H4zM9 2h3v12H9z',
  next: 'M11 3h2v10h-2zM2 3v10l7-5z',
  end: 'M11 3h2v10h-2zM3 3v10l7-5z',
  problem: 'M8 1l7 13H1zM7.2 6v4h1.6V6zM7.2 11v1.6h1.6V11z',
  zoomIn:
    'M7 2a5 5 0 014 8l3.5 3.5-1 1L10 11A5 5 0 117 2zm0 1.5a3.5 3.5 0 100 7 3.5 3.5 0 000-7zM6.3 4.5h1.4v1.8h1.8v1.4H7.7v1.8H6.3V7.7H4.5V6.3h1.8z',
  zoomOut: 'M7 2a5 5 0 014 8l3.5 3.5-1 1L10 11A5 5 0 117 2zm0 1.5a3.5 3.5 0 100 7 3.5 3.5 0 000-7zM4.5 6.3h5v1.4h-5z',
  fit: 'M2 2h5v1.5H3.5V7H2zM14 2v5h-1.5V3.5H9V2zM2 14V9h1.5v3.5H7V14zM14 14H9v-1.5h3.5V9H14z',
};

export interface ControlCallbacks {
  dispatch(a: PlaybackAction): void;
  zoom(factor: number): void;
  fit(): void;
}

function speedLabel(s: number): string {
  return `${s} tick${s === 1 ? '' : 's'}/s`;
}

export class Controls {
  readonly element: HTMLElement;
  private readonly play: HTMLButtonElement;
  private readonly problem: HTMLButtonElement;
  private readonly speed: HTMLSelectElement;
  private readonly scrub: HTMLInputElement;
  private readonly clock: HTMLElement;
  private readonly buttons: HTMLButtonElement[] = [];

  constructor(cb: ControlCallbacks) {
    const button = (label: string, path: string, action: () => void, key: string): HTMLButtonElement => {
      const b = el('button', { attrs: { type: 'button', 'aria-label': label, title: `${label} (${key})` } }, [
        icon(path),
      ]);
      b.addEventListener('click', action);
      this.buttons.push(b);
      return b;
    };
    const d = (a: PlaybackAction) => () => cb.dispatch(a);
    this.play = button('Play', ICONS.play, d({ type: 'toggle' }), 'Space');
    this.play.classList.add('ts-primary');
    this.speed = el('select', { attrs: { 'aria-label': 'Playback speed', title: 'Playback speed (+ / −)' } });
    for (const s of SPEEDS) this.speed.append(el('option', { text: speedLabel(s), attrs: { value: String(s) } }));
    this.speed.addEventListener('change', () => cb.dispatch({ type: 'setSpeed', speed: Number(this.speed.value) }));
    this.scrub = el('input', {
      className: 'ts-scrub',
      attrs: { type: 'range', min: '0', max: '0', step: '1', value: '0', 'aria-label': 'Playhead (ticks)' },
    });
    this.scrub.addEventListener('input', () => cb.dispatch({ type: 'seek', time: Number(this.scrub.value) }));
    this.clock = el('span', { className: 'ts-clock', attrs: { 'aria-live': 'off', role: 'status' } });
    this.problem = button('Jump to the first deadlock or inversion', ICONS.problem, d({ type: 'jumpToProblem' }), 'P');
    this.element = el('div', { className: 'ts-toolbar', attrs: { role: 'toolbar', 'aria-label': 'Playback' } }, [
      button('Go to start', ICONS.home, d({ type: 'home' }), 'Home'),
      button('Previous event', ICONS.prev, d({ type: 'prevEvent' }), '←'),
      this.play,
      button('Next event', ICONS.next, d({ type: 'nextEvent' }), '→'),
      button('Go to end', ICONS.end, d({ type: 'end' }), 'End'),
      this.speed,
      this.scrub,
      this.clock,
      this.problem,
      el('span', { className: 'ts-sep' }),
      button('Zoom in', ICONS.zoomIn, () => cb.zoom(2), ']'),
      button('Zoom out', ICONS.zoomOut, () => cb.zoom(0.5), '['),
      button('Fit the whole run', ICONS.fit, () => cb.fit(), '0'),
    ]);
  }

  /** Reflects the playback state in the controls. */
  update(s: PlaybackState, enabled: boolean): void {
    const label = s.playing ? 'Pause' : 'Play';
    if (this.play.getAttribute('aria-label') !== label) {
      this.play.setAttribute('aria-label', label);
      this.play.title = `${label} (Space)`;
      this.play.replaceChildren(icon(s.playing ? ICONS.pause : ICONS.play));
    }
    if (this.speed.value !== String(s.speed)) this.speed.value = String(s.speed);
    // While the future is hidden, so is the run's length.
    const end = s.hidden ? s.revealed : s.endTime;
    if (this.scrub.max !== String(end)) this.scrub.max = String(end);
    if (document.activeElement !== this.scrub) this.scrub.value = String(Math.round(s.time));
    this.scrub.setAttribute('aria-valuetext', `tick ${Math.floor(s.time)} of ${end}`);
    const text = `t = ${formatTime(Math.round(s.time * 10) / 10)} / ${end}${s.hidden ? ' …' : ''}`;
    if (this.clock.textContent !== text) this.clock.textContent = text;
    for (const b of this.buttons) b.disabled = !enabled;
    this.speed.disabled = !enabled;
    this.scrub.disabled = !enabled;
    this.problem.disabled = !enabled || s.firstProblem === null;
  }
}

/**
 * Keyboard shortcuts of the panel: Space play/pause, ←/→ previous/next event, Shift+←/→ one
 * tick, Home/End, +/− speed, ]/[ zoom, 0 fit, P first problem, N / Shift+N next / previous
 * marked instant. Ignored while typing in a
 * field; Space and Enter keep their meaning on buttons and the speed list.
 */
export function shortcut(e: KeyboardEvent): { action?: PlaybackAction; zoom?: number; fit?: true } | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  const target = e.target as HTMLElement | null;
  const tag = target?.tagName ?? '';
  if (tag === 'TEXTAREA' || tag === 'SELECT' || (tag === 'INPUT' && (target as HTMLInputElement).type !== 'range'))
    return null;
  const onControl = tag === 'BUTTON' || tag === 'INPUT';
  switch (e.key) {
    case ' ':
      return onControl ? null : { action: { type: 'toggle' } };
    case 'ArrowRight':
      if (tag === 'INPUT') return null;
      return { action: e.shiftKey ? { type: 'nudge', ticks: 1 } : { type: 'nextEvent' } };
    case 'ArrowLeft':
      if (tag === 'INPUT') return null;
      return { action: e.shiftKey ? { type: 'nudge', ticks: -1 } : { type: 'prevEvent' } };
    case 'Home':
      return { action: { type: 'home' } };
    case 'End':
      return { action: { type: 'end' } };
    case '+':
    case '=':
      return { action: { type: 'faster' } };
    case '-':
    case '_':
      return { action: { type: 'slower' } };
    case ']':
      return { zoom: 2 };
    case '[':
      return { zoom: 0.5 };
    case '0':
      return { fit: true };
    case 'p':
    case 'P':
      return { action: { type: 'jumpToProblem' } };
    case 'n':
      return { action: { type: 'nextStop' } };
    case 'N':
      return { action: { type: 'prevStop' } };
    default:
      return null;
  }
}
