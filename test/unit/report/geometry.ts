/**
 * Geometry checks shared by the layout unit test (on the model's numbers) and the browser test (on the DOM's):
 * boxes that must not overlap, and edge paths sampled along their length that must not cross a box.
 */

export interface Box { x: number; y: number; width: number; height: number }
export interface Point { x: number; y: number }

/** True when two boxes share interior area (touching edges do not count). */
export function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Strictly inside, with `inset` units of tolerance, so a point on the box's border is outside. */
export function inside(p: Point, box: Box, inset = 0.5): boolean {
  return p.x > box.x + inset && p.x < box.x + box.width - inset && p.y > box.y + inset && p.y < box.y + box.height - inset;
}

/** Distance from a point to the nearest side of a box (0 on the border). */
export function distanceToBorder(p: Point, box: Box): number {
  const dx = Math.max(box.x - p.x, 0, p.x - (box.x + box.width));
  const dy = Math.max(box.y - p.y, 0, p.y - (box.y + box.height));
  if (dx > 0 || dy > 0) return Math.hypot(dx, dy);
  return Math.min(p.x - box.x, box.x + box.width - p.x, p.y - box.y, box.y + box.height - p.y);
}

/** Points along SVG path data made of M, L and C commands (what lineage-layout writes), `steps` per curve. */
export function samplePath(d: string, steps = 24): Point[] {
  const tokens = d.match(/[MLC]|-?\d+(?:\.\d+)?/g) ?? [];
  const points: Point[] = [];
  let command = '';
  let at: Point = { x: 0, y: 0 };
  const num = (): number => Number(tokens.shift());
  while (tokens.length > 0) {
    if (/^[MLC]$/.test(tokens[0] ?? '')) command = tokens.shift() ?? '';
    if (command === 'M' || command === 'L') {
      const next = { x: num(), y: num() };
      if (command === 'L') for (let i = 1; i <= steps; i++) points.push(lerp(at, next, i / steps));
      else points.push(next);
      at = next;
    } else if (command === 'C') {
      const c1 = { x: num(), y: num() };
      const c2 = { x: num(), y: num() };
      const end = { x: num(), y: num() };
      for (let i = 1; i <= steps; i++) points.push(bezier(at, c1, c2, end, i / steps));
      at = end;
    } else throw new Error(`unexpected path command in ${d}`);
  }
  return points;
}

function lerp(a: Point, b: Point, t: number): Point {
  return { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
}

function bezier(p0: Point, p1: Point, p2: Point, p3: Point, t: number): Point {
  const u = 1 - t;
  return {
    x: u * u * u * p0.x + 3 * u * u * t * p1.x + 3 * u * t * t * p2.x + t * t * t * p3.x,
    y: u * u * u * p0.y + 3 * u * u * t * p1.y + 3 * u * t * t * p2.y + t * t * t * p3.y,
  };
}
