// Linear scales and round-number ticks for the hand-drawn SVG charts.

/** A function from the domain [d0, d1] to the range [r0, r1]; a point domain maps to the middle. */
export function linear(d0, d1, r0, r1) {
  if (d1 === d0) return () => (r0 + r1) / 2;
  const k = (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}

/** About `count` ticks at 1, 2 or 5 times a power of ten, covering [min, max]. */
export function niceTicks(min, max, count = 5) {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

/** Integer ticks only (frontier digits), at most `count` of them. */
export function integerTicks(min, max, count = 8) {
  const step = Math.max(1, Math.ceil((max - min) / count));
  const ticks = [];
  for (let v = Math.ceil(min); v <= max; v += step) ticks.push(v);
  return ticks;
}

/** A number short enough for an axis: 1,500 → "1.5k", 12 → "12". */
export function tickLabel(v) {
  const abs = Math.abs(v);
  if (abs >= 1e6) return `${Number((v / 1e6).toPrecision(3))}M`;
  if (abs >= 1e3) return `${Number((v / 1e3).toPrecision(3))}k`;
  return String(Number(v.toPrecision(4)));
}

/** Rounded to a tenth of a pixel: smaller SVG text, no visible difference. */
export const px = (v) => Math.round(v * 10) / 10;
