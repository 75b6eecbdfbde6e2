/**
 * What the "Open Sample…" quick pick shows of a sample, and the names of untitled copies.
 * Plain functions of text, without the editor, so they are tested in Node.
 */

/** One entry of the quick pick. */
export interface SampleItem {
  /** The scenario's title, or the file name without `.threads`. */
  label: string;
  /** The file name. */
  description: string;
  /** The first sentence of the file's opening comment: the idea it shows. */
  detail: string;
  fileName: string;
}

/** The longest detail line shown. */
const MAX_DETAIL = 160;

/** The quick pick entry of the sample `fileName` with contents `text`. */
export function sampleItem(fileName: string, text: string): SampleItem {
  const title = /^\s*scenario\s+"((?:[^"\\\n]|\\.)*)"/m.exec(text)?.[1]?.replace(/\\(["\\])/g, '$1');
  const comment: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*\/\/\s?(.*)$/.exec(line);
    if (!m || m[1].trim() === '') break;
    comment.push(m[1].trim());
  }
  const label = title ?? fileName.replace(/\.threads$/, '');
  const opening = comment.join(' ');
  let first = /^(.*?\.)(\s|$)/.exec(opening)?.[1] ?? opening;
  // "Dining philosophers: five threads, …" under the title "Dining philosophers" says it twice.
  if (first.toLowerCase().startsWith(`${label.toLowerCase()}:`)) {
    const rest = first.slice(label.length + 1).trim();
    first = rest.charAt(0).toUpperCase() + rest.slice(1);
  }
  const sentence = first.length > MAX_DETAIL ? `${first.slice(0, MAX_DETAIL - 1).trimEnd()}…` : first;
  return { label, description: fileName, detail: sentence, fileName };
}

/**
 * The name of an untitled copy of `fileName` that no open document has: the file name itself,
 * else `name-2.threads`, `name-3.threads`, …
 */
export function copyName(fileName: string, taken: ReadonlySet<string>): string {
  if (!taken.has(fileName)) return fileName;
  const stem = fileName.replace(/\.threads$/, '');
  let k = 2;
  while (taken.has(`${stem}-${k}.threads`)) k++;
  return `${stem}-${k}.threads`;
}
