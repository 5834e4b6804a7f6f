import type { Rng } from '@strata/core';
import { uniform } from '../util/random';
import type { Expression } from './expressions';
import { fillBox, fillEllipse, fillMouth, strokeSegment, type Affine, type Canvas, type MouthShape } from './raster';

/** What varies between people and photos but says nothing about the emotion (intensities in [0, 1], lengths in face units). */
export interface Appearance {
  background: number;
  skin: number;
  hair: number;
  hasHair: boolean;
  hasFringe: boolean;
  hasNose: boolean;
  eyeSpacing: number;
  eyeY: number;
  eyeWidth: number;
  pupil: number;
  gaze: number;
  browThickness: number;
  mouthY: number;
  lipThickness: number;
  /** Side of a sneer (disgust), drawn per face so the cue is not tied to one image half. */
  sneerSide: number;
}

/** A fresh appearance object to be filled by `sampleAppearance`. */
export function emptyAppearance(): Appearance {
  return {
    background: 0, skin: 0, hair: 0, hasHair: false, hasFringe: false, hasNose: false, eyeSpacing: 0, eyeY: 0,
    eyeWidth: 0, pupil: 0, gaze: 0, browThickness: 0, mouthY: 0, lipThickness: 0, sneerSide: 1,
  };
}

/** Draws a person and a backdrop. `spread` (about 1) scales how far identities vary. */
export function sampleAppearance(rng: Rng, spread: number, out: Appearance): Appearance {
  out.skin = uniform(rng, 0.42, 0.85);
  // Keep some figure-ground contrast: a face that melts into the wall has no outline to find.
  do out.background = uniform(rng, 0.03, 0.97);
  while (Math.abs(out.background - out.skin) < 0.1);
  out.hasHair = rng() < 0.8;
  out.hair = rng() < 0.8 ? uniform(rng, 0.03, 0.35) : uniform(rng, 0.55, 0.8);
  out.hasFringe = out.hasHair && rng() < 0.4;
  out.hasNose = rng() < 0.8;
  out.eyeSpacing = 0.38 + 0.04 * spread * (2 * rng() - 1);
  out.eyeY = -0.2 + 0.04 * spread * (2 * rng() - 1);
  out.eyeWidth = uniform(rng, 0.18, 0.22);
  out.pupil = uniform(rng, 0.075, 0.09);
  out.gaze = 0.04 * (2 * rng() - 1);
  out.browThickness = uniform(rng, 0.045, 0.07);
  out.mouthY = 0.62 + 0.05 * spread * (2 * rng() - 1);
  out.lipThickness = uniform(rng, 0.04, 0.06);
  out.sneerSide = rng() < 0.5 ? -1 : 1;
  return out;
}

// Reused across faces so drawing allocates nothing.
const mouth: MouthShape = { cx: 0, cy: 0, halfWidth: 0, curve: 0, open: 0, lift: 0, liftSide: 1, lip: 0 };

function drawBrow(canvas: Canvas, t: Affine, side: number, e: Expression, a: Appearance): void {
  const y = a.eyeY - e.browHeight;
  const xi = side * 0.12;
  const xo = side * (a.eyeSpacing + 0.22);
  const xm = (xi + xo) / 2;
  const yi = y + e.browTilt / 2;
  const yo = y - e.browTilt / 2 + 0.02;
  const ym = (yi + yo) / 2 - e.browArch;
  const tone = a.skin * 0.3;
  strokeSegment(canvas, t, xi, yi, xm, ym, a.browThickness, tone);
  strokeSegment(canvas, t, xm, ym, xo, yo, a.browThickness, tone);
}

function drawEye(canvas: Canvas, t: Affine, side: number, e: Expression, a: Appearance): void {
  const cx = side * a.eyeSpacing;
  const ry = 0.1 * e.eyeOpen;
  fillEllipse(canvas, t, cx, a.eyeY, a.eyeWidth, ry, a.skin + 0.7 * (1 - a.skin));
  fillEllipse(canvas, t, cx + a.gaze, a.eyeY, a.pupil, Math.min(a.pupil, ry), 0.08);
}

function drawNose(canvas: Canvas, t: Affine, e: Expression, a: Appearance): void {
  const shade = a.skin * 0.5;
  if (a.hasNose) {
    strokeSegment(canvas, t, 0.05, a.eyeY + 0.15, 0.07, 0.24, 0.03, shade, 0.35);
    fillEllipse(canvas, t, -0.07, 0.3, 0.045, 0.03, shade);
    fillEllipse(canvas, t, 0.07, 0.3, 0.045, 0.03, shade);
  }
  if (e.wrinkle > 0.05) {
    // Disgust creases: slanted folds beside the bridge and a short crease across it.
    const alpha = 0.8 * e.wrinkle;
    strokeSegment(canvas, t, -0.08, a.eyeY + 0.12, -0.17, a.eyeY + 0.26, 0.03, shade, alpha);
    strokeSegment(canvas, t, 0.08, a.eyeY + 0.12, 0.17, a.eyeY + 0.26, 0.03, shade, alpha);
    strokeSegment(canvas, t, -0.06, a.eyeY + 0.04, 0.06, a.eyeY + 0.04, 0.025, shade, alpha);
  }
}

/**
 * Draws background, head, hair and features onto `canvas`; `t` maps face units to pixels
 * (the pose). Back to front: backdrop, hair, ears, neck, face, fringe, eyes, brows, nose, mouth.
 */
export function drawFace(canvas: Canvas, t: Affine, e: Expression, a: Appearance): void {
  // A plain loop: Float32Array#fill on a subarray view is an order of magnitude slower in V8.
  const data = canvas.data, background = a.background;
  for (let i = 0; i < data.length; i++) data[i] = background;
  if (a.hasHair) fillEllipse(canvas, t, 0, -0.3, 1.1, 1.15, a.hair);
  fillEllipse(canvas, t, -0.95, -0.05, 0.13, 0.24, a.skin * 0.9);
  fillEllipse(canvas, t, 0.95, -0.05, 0.13, 0.24, a.skin * 0.9);
  fillBox(canvas, t, 0, 1.6, 0.45, 0.6, a.skin * 0.85);
  fillEllipse(canvas, t, 0, 0, 0.95, 1.25, a.skin);
  if (a.hasFringe) fillEllipse(canvas, t, 0, -1.3, 0.95, 0.35, a.hair);
  drawEye(canvas, t, -1, e, a);
  drawEye(canvas, t, 1, e, a);
  drawBrow(canvas, t, -1, e, a);
  drawBrow(canvas, t, 1, e, a);
  drawNose(canvas, t, e, a);
  mouth.cy = a.mouthY;
  mouth.halfWidth = e.mouthWidth;
  mouth.curve = e.mouthCurve;
  mouth.open = e.mouthOpen;
  mouth.lift = e.lipLift;
  mouth.liftSide = a.sneerSide;
  mouth.lip = a.lipThickness;
  fillMouth(canvas, t, mouth, a.skin * 0.55, 0.08);
}
