/**
 * RFC 2849 §Notes 2: a line longer than `width` is folded; each continuation line starts with one space, so
 * every physical line is at most `width` characters. `width` 0 disables folding. Appends the line and its LF.
 */
export function pushFolded(out: string[], line: string, width: number): void {
  if (width === 0 || line.length <= width) {
    out.push(line, '\n');
    return;
  }
  out.push(line.slice(0, width), '\n');
  const step = width - 1;
  for (let i = width; i < line.length; i += step) out.push(' ', line.slice(i, i + step), '\n');
}

/** foldWidth as the writer accepts it: 0 or an integer of at least 2 (a continuation holds one character). */
export function checkFoldWidth(width: number): number {
  if (!Number.isInteger(width) || width < 0 || width === 1) throw new RangeError(`invalid foldWidth ${width}`);
  return width;
}
