/**
 * Tabs (WAI-ARIA tabs pattern): a tab list of buttons and one visible panel. Arrow keys, Home
 * and End move between tabs; the selected tab is the only one in the tab order.
 */
import { el } from './dom';

interface Tab {
  id: string;
  button: HTMLButtonElement;
  badge: HTMLElement;
  panel: HTMLElement;
}

export class Tabs {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;
  private readonly tabs: Tab[] = [];
  private current = '';
  /** Called after the selected tab changed (views drawn on demand update then). */
  onSelect: (id: string) => void = () => {};

  constructor(label: string) {
    this.list = el('div', { className: 'ts-tablist', attrs: { role: 'tablist', 'aria-label': label } });
    this.list.addEventListener('keydown', (e) => this.onKey(e));
    this.element = el('section', { className: 'ts-side', attrs: { 'aria-label': label } }, [this.list]);
  }

  /** Adds a tab with its panel's content; the first one added is selected. */
  add(id: string, label: string, content: HTMLElement): void {
    const badge = el('span', { className: 'ts-badge' });
    badge.hidden = true;
    const button = el('button', {
      className: 'ts-tab',
      attrs: { type: 'button', role: 'tab', id: `ts-tab-${id}`, 'aria-controls': `ts-panel-${id}` },
    });
    button.append(document.createTextNode(label), badge);
    const panel = el(
      'div',
      {
        className: 'ts-tabpanel',
        attrs: { role: 'tabpanel', id: `ts-panel-${id}`, 'aria-labelledby': `ts-tab-${id}` },
      },
      [content],
    );
    button.addEventListener('click', () => this.select(id));
    this.tabs.push({ id, button, badge, panel });
    this.list.append(button);
    this.element.append(panel);
    if (this.tabs.length === 1) this.select(id);
    else this.show(this.tabs[this.tabs.length - 1], false);
  }

  /** The selected tab's id. */
  get selected(): string {
    return this.current;
  }

  select(id: string): void {
    if (!this.tabs.some((t) => t.id === id)) return;
    const changed = this.current !== id;
    this.current = id;
    for (const t of this.tabs) this.show(t, t.id === id);
    if (changed) this.onSelect(id);
  }

  /** A short count beside a tab's name (the number of diagnostics), or none. */
  setBadge(id: string, text: string | null, tone: 'error' | 'warning' | 'info' = 'info'): void {
    const t = this.tabs.find((x) => x.id === id);
    if (!t) return;
    t.badge.hidden = text === null;
    t.badge.textContent = text ?? '';
    t.badge.dataset.tone = tone;
  }

  private show(t: Tab, on: boolean): void {
    t.button.setAttribute('aria-selected', String(on));
    t.button.tabIndex = on ? 0 : -1;
    t.panel.hidden = !on;
  }

  private onKey(e: KeyboardEvent): void {
    const i = this.tabs.findIndex((t) => t.id === this.current);
    let j = i;
    if (e.key === 'ArrowRight') j = (i + 1) % this.tabs.length;
    else if (e.key === 'ArrowLeft') j = (i - 1 + this.tabs.length) % this.tabs.length;
    else if (e.key === 'Home') j = 0;
    else if (e.key === 'End') j = this.tabs.length - 1;
    else return;
    e.preventDefault();
    e.stopPropagation();
    this.select(this.tabs[j].id);
    this.tabs[j].button.focus();
  }
}
