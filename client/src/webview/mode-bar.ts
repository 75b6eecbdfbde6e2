/**
 * The panel's modes as a row of toggle buttons: the run as it is (or a replayed schedule), play
 * the scheduler, predict then reveal, compare models. One is pressed; a click (or Enter / Space
 * on the focused button) switches.
 */
import type { PanelMode } from '../protocol';
import { el } from './dom';

export const MODE_NAMES: Readonly<Record<PanelMode, string>> = {
  run: 'Run',
  play: 'Play the scheduler',
  predict: 'Predict, then reveal',
  compare: 'Compare models',
};

const MODE_TITLES: Readonly<Record<PanelMode, string>> = {
  run: 'The run under the default schedule, or a schedule replayed',
  play: 'Pick at every choice point what the scheduler does',
  predict: 'Answer questions about what comes next, then see it',
  compare: 'The same threads under one_to_one, many_to_one and many_to_many',
};

export class ModeBar {
  readonly element: HTMLElement;
  private readonly buttons = new Map<PanelMode, HTMLButtonElement>();

  constructor(select: (mode: PanelMode) => void) {
    this.element = el('nav', { className: 'ts-modes', attrs: { 'aria-label': 'Panel mode' } });
    for (const [mode, name] of Object.entries(MODE_NAMES) as [PanelMode, string][]) {
      const b = el('button', {
        text: name,
        attrs: { type: 'button', 'aria-pressed': 'false', 'data-mode': mode, title: MODE_TITLES[mode] },
      });
      b.addEventListener('click', () => select(mode));
      this.buttons.set(mode, b);
      this.element.append(b);
    }
  }

  /** Shows which mode is on. */
  set(mode: PanelMode): void {
    for (const [m, b] of this.buttons) b.setAttribute('aria-pressed', String(m === mode));
  }
}
