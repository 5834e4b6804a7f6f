/**
 * A small anti-aliased rasteriser for one-channel float images. Shapes are given in their own
 * local coordinates and placed by an affine map, so a whole face can be moved, scaled and
 * rotated by changing one transform. Each pixel's coverage comes from an approximate signed
 * distance to the shape's edge (a one-pixel linear ramp), which anti-aliases without
 * supersampling. Every primitive has its own loop, so the hot path stays monomorphic and
 * allocates nothing.
 */

/** A single-channel image, row-major, intensities nominally in [0, 1]. */
export interface Canvas {
  readonly width: number;
  readonly height: number;
  readonly data: Float32Array;
}

/** Local -> pixel map `px = a x + b y + tx`, `py = c x + d y + ty`, kept with its inverse. */
export class Affine {
  a = 1; b = 0; c = 0; d = 1; tx = 0; ty = 0;
  private ia = 1; private ib = 0; private ic = 0; private id = 1;
  /** Pixels per local unit (sqrt of |det|): turns local distances into pixels for the AA ramp. */
  pxPerUnit = 1;

  /** Scale by (sx, sy), rotate by `angle` radians, then translate to (cx, cy) in pixels. */
  set(cx: number, cy: number, sx: number, sy: number, angle: number): this {
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    this.a = cos * sx; this.b = -sin * sy; this.c = sin * sx; this.d = cos * sy;
    this.tx = cx; this.ty = cy;
    const det = this.a * this.d - this.b * this.c;
    this.ia = this.d / det; this.ib = -this.b / det; this.ic = -this.c / det; this.id = this.a / det;
    this.pxPerUnit = Math.sqrt(Math.abs(det));
    return this;
  }

  /** Local x of pixel centre (px, py). */
  localX(px: number, py: number): number {
    return this.ia * (px - this.tx) + this.ib * (py - this.ty);
  }

  /** Local y of pixel centre (px, py). */
  localY(px: number, py: number): number {
    return this.ic * (px - this.tx) + this.id * (py - this.ty);
  }

  /** Change of local (x, y) per pixel step in px, used to walk a row incrementally. */
  get stepX(): number { return this.ia; }
  get stepY(): number { return this.ic; }
}

/** Pixel rows/columns [x0, x1) x [y0, y1) covering a local box (plus one pixel for the AA ramp). */
interface Bounds { x0: number; x1: number; y0: number; y1: number }
const bounds: Bounds = { x0: 0, x1: 0, y0: 0, y1: 0 };

function pixelBounds(canvas: Canvas, t: Affine, lx0: number, ly0: number, lx1: number, ly1: number): Bounds {
  const ex = Math.abs(t.a) * (lx1 - lx0) * 0.5 + Math.abs(t.b) * (ly1 - ly0) * 0.5;
  const ey = Math.abs(t.c) * (lx1 - lx0) * 0.5 + Math.abs(t.d) * (ly1 - ly0) * 0.5;
  const mx = (lx0 + lx1) * 0.5;
  const my = (ly0 + ly1) * 0.5;
  const cx = t.a * mx + t.b * my + t.tx;
  const cy = t.c * mx + t.d * my + t.ty;
  bounds.x0 = Math.max(0, Math.floor(cx - ex - 1));
  bounds.x1 = Math.min(canvas.width, Math.ceil(cx + ex + 1));
  bounds.y0 = Math.max(0, Math.floor(cy - ey - 1));
  bounds.y1 = Math.min(canvas.height, Math.ceil(cy + ey + 1));
  return bounds;
}

/** Coverage of a pixel whose centre is `sdPx` pixels outside the edge (negative: inside). */
function coverage(sdPx: number): number {
  return sdPx <= -0.5 ? 1 : sdPx >= 0.5 ? 0 : 0.5 - sdPx;
}

/**
 * Fills an ellipse centred at (cx, cy) with radii (rx, ry), blending `value` with opacity `alpha`.
 * Big ellipses (head, hair) dominate the drawing time, so each row is first clipped to the span
 * where the ellipse, grown by a pixel, can reach (a quadratic in the column), and pixels deep
 * inside skip the distance computation: the approximate distance lies between
 * (1 - k0) min(rx, ry) and (1 - k0) max(rx, ry) for normalised radius k0, which bounds both tests.
 */
export function fillEllipse(canvas: Canvas, t: Affine, cx: number, cy: number, rx: number, ry: number, value: number, alpha = 1): void {
  const { x0, x1, y0, y1 } = pixelBounds(canvas, t, cx - rx, cy - ry, cx + rx, cy + ry);
  const data = canvas.data;
  const irx2 = 1 / (rx * rx), iry2 = 1 / (ry * ry);
  const scale = t.pxPerUnit, sx = t.stepX, sy = t.stepY;
  const rMin = Math.min(rx, ry) * scale;
  const kOut = 1 + 1 / rMin;
  const kIn = Math.max(0, 1 - 0.5 / rMin);
  const kOut2 = kOut * kOut, kIn2 = kIn * kIn;
  // Quadratic coefficient of k0^2 along a row; constant per ellipse.
  const qa = sx * sx * irx2 + sy * sy * iry2;
  for (let py = y0; py < y1; py++) {
    const lx0 = t.localX(x0 + 0.5, py + 0.5) - cx;
    const ly0 = t.localY(x0 + 0.5, py + 0.5) - cy;
    const qb = 2 * (lx0 * sx * irx2 + ly0 * sy * iry2);
    const qc = lx0 * lx0 * irx2 + ly0 * ly0 * iry2 - kOut2;
    const disc = qb * qb - 4 * qa * qc;
    if (disc < 0) continue;
    const root = Math.sqrt(disc);
    const from = Math.max(x0, x0 + Math.ceil((-qb - root) / (2 * qa)));
    const to = Math.min(x1, x0 + Math.floor((-qb + root) / (2 * qa)) + 1);
    let lx = lx0 + (from - x0) * sx;
    let ly = ly0 + (from - x0) * sy;
    let i = py * canvas.width + from;
    for (let px = from; px < to; px++, i++, lx += sx, ly += sy) {
      const q = lx * lx * irx2 + ly * ly * iry2;
      let cov = alpha;
      if (q > kIn2) {
        if (q >= kOut2) continue;
        // Inigo Quilez's first-order ellipse distance: (k0 - 1) * k0 / k1.
        const k0 = Math.sqrt(q);
        const k1 = Math.sqrt(lx * lx * irx2 * irx2 + ly * ly * iry2 * iry2);
        cov *= coverage(((k0 * (k0 - 1)) / k1) * scale);
        if (cov <= 0) continue;
      }
      data[i] += cov * (value - data[i]);
    }
  }
}

/** Fills a box centred at (cx, cy) with half-sizes (hx, hy) in local axes. */
export function fillBox(canvas: Canvas, t: Affine, cx: number, cy: number, hx: number, hy: number, value: number, alpha = 1): void {
  const { x0, x1, y0, y1 } = pixelBounds(canvas, t, cx - hx, cy - hy, cx + hx, cy + hy);
  const data = canvas.data;
  const scale = t.pxPerUnit, sx = t.stepX, sy = t.stepY;
  for (let py = y0; py < y1; py++) {
    let lx = t.localX(x0 + 0.5, py + 0.5) - cx;
    let ly = t.localY(x0 + 0.5, py + 0.5) - cy;
    let i = py * canvas.width + x0;
    for (let px = x0; px < x1; px++, i++, lx += sx, ly += sy) {
      const sd = Math.max(Math.abs(lx) - hx, Math.abs(ly) - hy);
      const cov = coverage(sd * scale) * alpha;
      if (cov > 0) data[i] += cov * (value - data[i]);
    }
  }
}

/** Strokes the segment (x0, y0)-(x1, y1) with round caps and half-width `hw` (a capsule). */
export function strokeSegment(
  canvas: Canvas, t: Affine, ax: number, ay: number, bx: number, by: number, hw: number, value: number, alpha = 1,
): void {
  const b = pixelBounds(canvas, t, Math.min(ax, bx) - hw, Math.min(ay, by) - hw, Math.max(ax, bx) + hw, Math.max(ay, by) + hw);
  const { x0, x1, y0, y1 } = b;
  const data = canvas.data;
  const dx = bx - ax, dy = by - ay;
  const len2 = dx * dx + dy * dy || 1e-12;
  const scale = t.pxPerUnit, sx = t.stepX, sy = t.stepY;
  for (let py = y0; py < y1; py++) {
    let lx = t.localX(x0 + 0.5, py + 0.5) - ax;
    let ly = t.localY(x0 + 0.5, py + 0.5) - ay;
    let i = py * canvas.width + x0;
    for (let px = x0; px < x1; px++, i++, lx += sx, ly += sy) {
      let h = (lx * dx + ly * dy) / len2;
      h = h < 0 ? 0 : h > 1 ? 1 : h;
      const ex = lx - h * dx, ey = ly - h * dy;
      const sd = Math.sqrt(ex * ex + ey * ey) - hw;
      const cov = coverage(sd * scale) * alpha;
      if (cov > 0) data[i] += cov * (value - data[i]);
    }
  }
}

/** Shape of a mouth in face units; see `fillMouth`. */
export interface MouthShape {
  cx: number;
  cy: number;
  /** Half-width. */
  halfWidth: number;
  /** How far the corners sit above the middle (negative: below, a frown). */
  curve: number;
  /** Opening at the middle (0: closed lips). */
  open: number;
  /** Upper-lip raise on one side (a sneer), peaking about 70 % of the way to the corner. */
  lift: number;
  /** Side of the lift: +1 right, -1 left (in face coordinates). */
  liftSide: number;
  /** Half-thickness of the lip line. */
  lip: number;
}

/**
 * Draws a mouth: a lip band following the parabola `cy - curve u^2` (u = x / halfWidth), split
 * open into a dark cavity by `open` (elliptic profile, so a narrow wide-open mouth is round) and
 * `lift`. Vertical distances are divided by the curve's slope factor to approximate true
 * distances, so steep smile corners keep the same one-pixel edge ramp as the middle.
 */
export function fillMouth(canvas: Canvas, t: Affine, m: MouthShape, lipValue: number, cavityValue: number): void {
  const reach = m.halfWidth + m.lip;
  const top = m.cy - Math.max(m.curve, 0) - m.open / 2 - m.lift - m.lip;
  const bottom = m.cy + Math.max(-m.curve, 0) + m.open / 2 + m.lip;
  const { x0, x1, y0, y1 } = pixelBounds(canvas, t, m.cx - reach, top, m.cx + reach, bottom);
  const data = canvas.data;
  const scale = t.pxPerUnit, sx = t.stepX, sy = t.stepY;
  const iw = 1 / m.halfWidth;
  for (let py = y0; py < y1; py++) {
    let lx = t.localX(x0 + 0.5, py + 0.5) - m.cx;
    let ly = t.localY(x0 + 0.5, py + 0.5) - m.cy;
    let i = py * canvas.width + x0;
    for (let px = x0; px < x1; px++, i++, lx += sx, ly += sy) {
      let u = lx * iw;
      u = u < -1 ? -1 : u > 1 ? 1 : u;
      const mid = -m.curve * u * u;
      const slope = 2 * m.curve * u * iw;
      const norm = 1 / Math.sqrt(1 + slope * slope);
      const side = Math.sqrt(1 - u * u);
      const su = m.liftSide * u;
      const half = (m.open / 2) * side;
      const upper = mid - half - (su > 0 ? 2 * m.lift * su * side : 0);
      const lower = mid + half;
      const sdEnd = Math.abs(lx) - m.halfWidth;
      const sdLip = Math.max(Math.max(upper - m.lip - ly, ly - lower - m.lip) * norm, sdEnd);
      const covLip = coverage(sdLip * scale);
      if (covLip <= 0) continue;
      data[i] += covLip * (lipValue - data[i]);
      if (lower - upper > 1e-6) {
        const sdCav = Math.max(Math.max(upper - ly, ly - lower) * norm, sdEnd + m.lip);
        const covCav = coverage(sdCav * scale);
        if (covCav > 0) data[i] += covCav * (cavityValue - data[i]);
      }
    }
  }
}
