// Markdown tables padded to equal column widths: the same text is pleasant to read on a
// terminal and renders as a table on GitHub, so stdout and the .md report share one format.

/** `align`: one of 'l' | 'r' per column (numbers read best right-aligned). */
export function markdownTable(headers, rows, align = headers.map((_, i) => (i === 0 ? 'l' : 'r'))) {
  const cells = [headers, ...rows].map((row) => row.map((cell) => String(cell)));
  const widths = headers.map((_, col) => Math.max(3, ...cells.map((row) => row[col].length)));
  const pad = (text, col) =>
    align[col] === 'r' ? text.padStart(widths[col]) : text.padEnd(widths[col]);
  const line = (row) => `| ${row.map(pad).join(' | ')} |`;
  const rule = `|${widths.map((w, col) => (align[col] === 'r' ? `${'-'.repeat(w + 1)}:` : `:${'-'.repeat(w + 1)}`)).join('|')}|`;
  return [line(cells[0]), rule, ...cells.slice(1).map(line)].join('\n');
}

export const ms = (value, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
export const signedMs = (value, digits = 2) =>
  Number.isFinite(value) ? `${value >= 0 ? '+' : ''}${value.toFixed(digits)}` : '–';
export const int = (value) =>
  Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '–';
