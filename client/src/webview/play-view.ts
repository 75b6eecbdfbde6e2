/**
 * The game's controls under the toolbar: the choice the run waits on as a question, its
 * alternatives as numbered buttons (keys 1–9), undo, the goal (a problem, or a thread waiting
 * at least N ticks) and "Show me", "Save replay", and a status line.
 */
import type { Goal } from '../../../server/src/explorer/stepper';
import { el } from './dom';
import { goalText, PROBLEM_GOALS, type PlayState } from './play';

/** Alternatives shown as buttons at most; a wider range also gets a list of every value. */
const MAX_BUTTONS = 24;

export interface PlayCallbacks {
  pick(k: number): void;
  undo(): void;
  goal(g: Goal): void;
  showMe(): void;
  save(): void;
}

export class PlayView {
  readonly element: HTMLElement;
  private readonly question: HTMLElement;
  private readonly alternatives: HTMLElement;
  private readonly undo: HTMLButtonElement;
  private readonly goalSelect: HTMLSelectElement;
  private readonly thread: HTMLSelectElement;
  private readonly ticks: HTMLInputElement;
  private readonly waitFields: HTMLElement;
  private readonly showMe: HTMLButtonElement;
  private readonly status: HTMLElement;
  private drawnAsked: unknown = undefined;

  constructor(private readonly cb: PlayCallbacks) {
    this.question = el('h2', { className: 'ts-play-q', attrs: { id: 'ts-play-q' } });
    this.alternatives = el('ol', { className: 'ts-alternatives', attrs: { 'aria-labelledby': 'ts-play-q' } });
    const button = (text: string, title: string, on: () => void): HTMLButtonElement => {
      const b = el('button', { text, attrs: { type: 'button', title } });
      b.addEventListener('click', on);
      return b;
    };
    this.undo = button('Undo', 'Take back the last pick (Backspace)', () => cb.undo());
    this.undo.setAttribute('aria-keyshortcuts', 'Backspace');
    this.goalSelect = el('select', { attrs: { 'aria-label': 'Goal' } });
    this.goalSelect.addEventListener('change', () => this.goalChanged());
    this.thread = el('select', { attrs: { 'aria-label': 'Thread that waits' } });
    this.ticks = el('input', {
      attrs: { type: 'number', min: '1', step: '1', value: '10', 'aria-label': 'Ticks of waiting at least' },
    });
    for (const f of [this.thread, this.ticks]) f.addEventListener('change', () => this.goalChanged());
    this.waitFields = el('span', { className: 'ts-wait-fields' }, [
      this.thread,
      el('span', { text: 'waits at least' }),
      this.ticks,
      el('span', { text: 'ticks' }),
    ]);
    this.showMe = button('Show me', 'Play a schedule from here that reaches the goal', () => cb.showMe());
    this.status = el('p', { className: 'ts-play-status', attrs: { role: 'status' } });
    this.element = el('section', { className: 'ts-play', attrs: { 'aria-label': 'Play the scheduler' } }, [
      this.question,
      this.alternatives,
      el('div', { className: 'ts-mode-actions' }, [
        this.undo,
        el('label', { className: 'ts-goal' }, [el('span', { text: 'Goal' }), this.goalSelect]),
        this.waitFields,
        this.showMe,
        button('Save replay', 'Save the picks as a file for threadscape run --replay', () => cb.save()),
      ]),
      this.status,
    ]);
  }

  /** The goals offered: the problems (those the exploration found first and marked), and a wait of a thread. */
  setGoals(found: readonly string[], threads: readonly string[], goal: Goal): void {
    const problems = [...PROBLEM_GOALS].sort((a, b) => Number(found.includes(b)) - Number(found.includes(a)));
    this.goalSelect.replaceChildren(
      ...problems.map((p) =>
        el('option', {
          text: goalText({ kind: 'problem', problem: p }) + (found.includes(p) ? ' (the exploration found one)' : ''),
          attrs: { value: p },
        }),
      ),
      el('option', { text: 'make a thread wait…', attrs: { value: 'wait' } }),
    );
    this.thread.replaceChildren(...threads.map((t) => el('option', { text: t, attrs: { value: t } })));
    this.goalSelect.value = goal.kind === 'wait' ? 'wait' : goal.problem;
    if (goal.kind === 'wait') {
      this.thread.value = goal.thread;
      this.ticks.value = String(goal.ticks);
    }
    this.waitFields.hidden = goal.kind !== 'wait';
  }

  private goalChanged(): void {
    const v = this.goalSelect.value;
    this.waitFields.hidden = v !== 'wait';
    if (v === 'wait') {
      const ticks = Math.max(1, Math.floor(Number(this.ticks.value) || 1));
      if (this.thread.value) this.cb.goal({ kind: 'wait', thread: this.thread.value, ticks });
    } else {
      const problem = PROBLEM_GOALS.find((p) => p === v);
      if (problem) this.cb.goal({ kind: 'problem', problem });
    }
  }

  /** Shows the game's state; `outcome`: what the run came to, once it has ended. */
  render(s: PlayState, outcome: string): void {
    const searching = s.search === 'searching';
    this.undo.disabled = s.picks === 0 || searching;
    this.showMe.disabled = s.asked === null || searching;
    this.undo.textContent = s.picks > 0 ? `Undo (${s.picks} pick${s.picks === 1 ? '' : 's'})` : 'Undo';
    this.status.textContent = {
      idle: s.asked ? `Pick an alternative (1–${Math.min(9, s.asked.alternatives.length)}), or ask to be shown.` : '',
      searching: `Searching the schedules from here to ${goalText(s.goal)}…`,
      found: `A schedule that can ${goalText(s.goal)}: played up to where it does.`,
      none: `No schedule from here can ${goalText(s.goal)}.`,
      'gave-up': `The search gave up before finding a schedule that can ${goalText(s.goal)}: the time box ran out. Pick a few more, then ask again.`,
    }[s.search];
    this.status.dataset.kind = s.search;
    if (s.asked === this.drawnAsked) return;
    this.drawnAsked = s.asked;
    if (!s.asked) {
      this.question.textContent = `The run has ended: ${outcome}.`;
      this.alternatives.replaceChildren();
      return;
    }
    this.question.textContent = `At t=${s.asked.t}: ${s.asked.question}`;
    const alts = s.asked.alternatives;
    const items = alts.slice(0, alts.length > MAX_BUTTONS ? 9 : MAX_BUTTONS).map((text, k) => {
      const keys: Record<string, string> = k < 9 ? { 'aria-keyshortcuts': String(k + 1) } : {};
      const b = el('button', { attrs: { type: 'button', 'data-pick': String(k), ...keys } }, [
        ...(k < 9 ? [el('kbd', { text: String(k + 1) })] : []),
        document.createTextNode(text),
      ]);
      b.addEventListener('click', () => this.cb.pick(k));
      return el('li', {}, [b]);
    });
    if (alts.length > MAX_BUTTONS) items.push(el('li', {}, [this.moreList(alts)]));
    this.alternatives.replaceChildren(...items);
  }

  /** Every alternative of a wide range in a list, with a button to take the one chosen. */
  private moreList(alts: readonly string[]): HTMLElement {
    const list = el('select', { attrs: { 'aria-label': 'Any alternative' } });
    alts.forEach((text, k) => list.append(el('option', { text, attrs: { value: String(k) } })));
    const take = el('button', { text: 'Pick', attrs: { type: 'button' } });
    take.addEventListener('click', () => this.cb.pick(Number(list.value)));
    return el('span', { className: 'ts-more' }, [list, take]);
  }
}
