/**
 * Predict-then-reveal's controls under the toolbar: where the checkpoints fall, the current
 * checkpoint's questions as a form (a thread to choose, a number, yes or no), the verdicts once
 * checked, the button that reveals the run to the next checkpoint, and the score. The answers
 * are never in the page before the player checks theirs.
 */
import type { CheckpointRule } from '../../../server/src/teaching/checkpoints';
import { el } from './dom';
import { answered, answerForm, type AnswerForm, type PredictState } from './predict';

export interface PredictCallbacks {
  rule(r: CheckpointRule): void;
  answer(values: string[]): void;
  next(): void;
  finish(): void;
  restart(): void;
}

const NOBODY = 'nobody';

export class PredictView {
  readonly element: HTMLElement;
  private readonly heading: HTMLElement;
  private readonly score: HTMLElement;
  private readonly ruleSelect: HTMLSelectElement;
  private readonly every: HTMLInputElement;
  private readonly form: HTMLFormElement;
  /** Says which question is still to answer. */
  private readonly note = el('p', { className: 'ts-play-status', attrs: { role: 'status' } });
  private drawn = '';

  constructor(private readonly cb: PredictCallbacks) {
    this.heading = el('h2', { className: 'ts-predict-h' });
    this.score = el('span', { className: 'ts-score', attrs: { role: 'status' } });
    this.ruleSelect = el('select', { attrs: { 'aria-label': 'Checkpoints' } });
    this.ruleSelect.append(
      el('option', { text: 'at every scheduling decision', attrs: { value: 'decisions' } }),
      el('option', { text: 'every N ticks', attrs: { value: 'every' } }),
      el('option', { text: 'at the statements marked // ?', attrs: { value: 'marks' } }),
    );
    this.every = el('input', {
      attrs: { type: 'number', min: '1', step: '1', value: '10', 'aria-label': 'Ticks between checkpoints' },
    });
    for (const f of [this.ruleSelect, this.every]) f.addEventListener('change', () => this.ruleChanged());
    this.form = el('form', { className: 'ts-questions', attrs: { 'aria-labelledby': 'ts-predict-h' } });
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.submitted(e.submitter);
    });
    this.heading.id = 'ts-predict-h';
    this.element = el('section', { className: 'ts-predict', attrs: { 'aria-label': 'Predict, then reveal' } }, [
      el('div', { className: 'ts-predict-head' }, [
        this.heading,
        this.score,
        el('label', { className: 'ts-goal' }, [el('span', { text: 'Checkpoints' }), this.ruleSelect]),
        this.every,
      ]),
      this.form,
    ]);
  }

  /** Where the checkpoints fall; `marked`: whether the file marks statements with `// ?`. */
  setRule(r: CheckpointRule, marked: boolean): void {
    (this.ruleSelect.querySelector('option[value="marks"]') as HTMLOptionElement).disabled = !marked;
    this.ruleSelect.value = r.kind;
    if (r.kind === 'every') this.every.value = String(r.ticks);
    this.every.hidden = r.kind !== 'every';
  }

  private ruleChanged(): void {
    const kind = this.ruleSelect.value;
    this.every.hidden = kind !== 'every';
    if (kind === 'every') this.cb.rule({ kind, ticks: Math.max(1, Math.floor(Number(this.every.value) || 1)) });
    else if (kind === 'decisions') this.cb.rule({ kind });
    else this.cb.rule({ kind: 'marks', lines: [] });
  }

  private submitted(by: HTMLElement | null): void {
    const action = by?.dataset.action;
    if (action === 'next') return this.cb.next();
    if (action === 'finish') return this.cb.finish();
    if (action === 'restart') return this.cb.restart();
    const sets = [...this.form.querySelectorAll<HTMLElement>('fieldset')];
    const values = sets.map((f): string | null => {
      const checked = f.querySelector<HTMLInputElement>('input[type=radio]:checked');
      if (checked) return checked.value;
      const never = f.querySelector<HTMLInputElement>('input[type=checkbox]');
      if (never?.checked) return 'never';
      const typed = f.querySelector<HTMLInputElement>('input:not([type=radio]):not([type=checkbox])')?.value.trim();
      return typed ? typed : null;
    });
    // Every question answered first (an unchecked "nobody" is no answer): the first one left gets the focus.
    const missing = values.indexOf(null);
    this.note.textContent = missing >= 0 ? `Answer question ${missing + 1} first.` : '';
    if (missing >= 0) {
      sets[missing].querySelector<HTMLInputElement>('input')?.focus();
      return;
    }
    this.cb.answer(values.map((v) => v ?? ''));
  }

  /** Shows the checkpoint asked now (or the end), the verdicts once checked, and the score. */
  render(s: PredictState, threads: readonly string[]): void {
    const done = s.at >= s.checkpoints.length;
    const checked = answered(s);
    this.score.textContent = s.asked > 0 ? `Score: ${s.right} of ${s.asked}` : '';
    const key = `${s.checkpoints.length}|${s.at}|${checked}|${threads.join(',')}`;
    if (key === this.drawn) return;
    this.drawn = key;
    if (s.checkpoints.length === 0) {
      this.heading.textContent = 'No checkpoint in this run for this rule: the whole run is shown.';
      this.form.replaceChildren();
      return;
    }
    if (done) {
      this.heading.textContent = `Every checkpoint passed: ${s.right} of ${s.asked} right.`;
      this.form.replaceChildren(this.submit('Start over', 'restart'));
      return;
    }
    const cp = s.checkpoints[s.at];
    this.heading.textContent = `Checkpoint ${s.at + 1} of ${s.checkpoints.length} · t = ${cp.t}`;
    const given = s.given[s.at] ?? [];
    const fields = cp.questions.map((q, k) => {
      const verdict = given[k]
        ? [
            el('p', {
              className: 'ts-verdict',
              text: given[k].right ? `Right: ${q.answer.text}.` : `Not quite: ${q.answer.text}.`,
              attrs: { 'data-right': String(given[k].right) },
            }),
          ]
        : [];
      return el('fieldset', { attrs: checked ? { disabled: '' } : {} }, [
        el('legend', { text: `${k + 1}. ${q.text}` }),
        this.input(answerForm(q, threads), `ts-q${s.at}-${k}`, given[k]?.value),
        ...verdict,
      ]);
    });
    const buttons = checked
      ? [this.submit('Reveal to the next checkpoint', 'next'), this.submit('Reveal all', 'finish', false)]
      : [this.submit('Check', 'check'), this.submit('Reveal all', 'finish', false)];
    this.note.textContent = '';
    this.form.replaceChildren(...fields, el('div', { className: 'ts-mode-actions' }, buttons), this.note);
    // Keyboard flow: the first answer to give, then the button that reveals more.
    const next = checked ? buttons[0] : this.form.querySelector<HTMLInputElement>('input');
    if (checked || this.element.contains(document.activeElement)) next?.focus();
  }

  private submit(text: string, action: string, primary = true): HTMLButtonElement {
    return el('button', {
      text,
      className: primary ? 'ts-primary' : '',
      attrs: { type: 'submit', 'data-action': action },
    });
  }

  /** The field of an answer, holding `given` once checked. */
  private input(form: AnswerForm, name: string, given?: string): HTMLElement {
    const on = (yes: boolean): Record<string, string> => (yes ? { checked: '' } : {});
    const radio = (value: string, text: string) =>
      el('label', { className: 'ts-choice' }, [
        el('input', { attrs: { type: 'radio', name, value, ...on(given === value) } }),
        document.createTextNode(text),
      ]);
    const value: Record<string, string> = given !== undefined && given !== 'never' ? { value: given } : {};
    switch (form.kind) {
      case 'thread':
        return el('div', { className: 'ts-choices' }, [
          ...form.options.map((t) => radio(t, t)),
          radio('', `${NOBODY} (idle or switching)`),
        ]);
      case 'yesno':
        return el('div', { className: 'ts-choices' }, [radio('yes', 'yes'), radio('no', 'no')]);
      case 'number':
        return el('div', { className: 'ts-choices' }, [
          el('input', { attrs: { type: 'number', min: '0', step: '1', 'aria-label': 'Your answer', ...value } }),
          ...(form.never
            ? [
                el('label', { className: 'ts-choice' }, [
                  el('input', { attrs: { type: 'checkbox', ...on(given === 'never') } }),
                  document.createTextNode('never'),
                ]),
              ]
            : []),
        ]);
      case 'text':
        return el('input', { attrs: { type: 'text', 'aria-label': 'Your answer', ...value } });
    }
  }
}
