import type { Rng } from '@strata/core';
import { uniform } from '../util/random';

/**
 * The expression of a face, in face units (the face ellipse is about 1.9 wide and 2.5 tall,
 * eyes at y = -0.2, mouth near y = 0.62, y pointing down).
 */
export interface Expression {
  /** Height of the brow's middle above the eye centre. */
  browHeight: number;
  /** Inner brow end minus outer end, vertically: > 0 slants down to the centre (anger). */
  browTilt: number;
  /** Extra raise of the brow's middle (a surprised arch). */
  browArch: number;
  /** Eye opening relative to a relaxed eye (1). */
  eyeOpen: number;
  /** Mouth half-width. */
  mouthWidth: number;
  /** Corner lift over the middle: > 0 smile, < 0 frown. */
  mouthCurve: number;
  /** Mouth opening at the middle. */
  mouthOpen: number;
  /** One-sided upper-lip raise (disgust). */
  lipLift: number;
  /** Nose-wrinkle strength in [0, 1] (disgust). */
  wrinkle: number;
}

type Range = readonly [number, number];
type ExpressionRanges = { readonly [K in keyof Expression]: Range };

/** A relaxed face: the point every expression is pulled towards as difficulty rises. */
const NEUTRAL: Expression = {
  browHeight: 0.3, browTilt: 0, browArch: 0.03, eyeOpen: 0.95,
  mouthWidth: 0.36, mouthCurve: 0, mouthOpen: 0, lipLift: 0, wrinkle: 0,
};

/**
 * Ranges per class, in FER2013 label order, after the facial action units that define each
 * emotion (Ekman's FACS): anger lowers and draws the brows together (AU4) and presses the lips;
 * disgust wrinkles the nose (AU9) and raises the upper lip (AU10); fear raises the inner brows
 * (AU1+2+4), widens the eyes (AU5) and stretches the lips (AU20); happiness raises the lip
 * corners (AU12) and the cheeks, narrowing the eyes (AU6); sadness raises the inner brows (AU1)
 * and pulls the lip corners down (AU15); surprise raises the whole brow (AU1+2), widens the eyes
 * and drops the jaw (AU26). Ranges touch their neighbours at the edges on purpose, so a few
 * faces are genuinely ambiguous, as in the real dataset.
 */
const CLASS_RANGES: readonly ExpressionRanges[] = [
  // 0 angry
  {
    browHeight: [0.12, 0.22], browTilt: [0.14, 0.26], browArch: [-0.02, 0.02], eyeOpen: [0.7, 0.95],
    mouthWidth: [0.28, 0.38], mouthCurve: [-0.09, -0.02], mouthOpen: [0, 0.03], lipLift: [0, 0], wrinkle: [0, 0.25],
  },
  // 1 disgust
  {
    browHeight: [0.14, 0.24], browTilt: [0.05, 0.14], browArch: [-0.02, 0.02], eyeOpen: [0.45, 0.72],
    mouthWidth: [0.3, 0.4], mouthCurve: [-0.12, -0.04], mouthOpen: [0.02, 0.08], lipLift: [0.08, 0.16], wrinkle: [0.6, 1],
  },
  // 2 fear
  {
    browHeight: [0.3, 0.42], browTilt: [-0.2, -0.1], browArch: [0, 0.04], eyeOpen: [1.25, 1.55],
    mouthWidth: [0.42, 0.52], mouthCurve: [-0.07, -0.01], mouthOpen: [0.07, 0.15], lipLift: [0, 0], wrinkle: [0, 0],
  },
  // 3 happy
  {
    browHeight: [0.24, 0.32], browTilt: [-0.03, 0.03], browArch: [0.02, 0.06], eyeOpen: [0.45, 0.75],
    mouthWidth: [0.38, 0.5], mouthCurve: [0.16, 0.28], mouthOpen: [0, 0.16], lipLift: [0, 0], wrinkle: [0, 0],
  },
  // 4 sad
  {
    browHeight: [0.24, 0.34], browTilt: [-0.19, -0.09], browArch: [0, 0.03], eyeOpen: [0.6, 0.85],
    mouthWidth: [0.28, 0.38], mouthCurve: [-0.2, -0.11], mouthOpen: [0, 0.02], lipLift: [0, 0], wrinkle: [0, 0],
  },
  // 5 surprise
  {
    browHeight: [0.38, 0.48], browTilt: [-0.04, 0.02], browArch: [0.05, 0.1], eyeOpen: [1.25, 1.55],
    mouthWidth: [0.15, 0.24], mouthCurve: [-0.02, 0.02], mouthOpen: [0.28, 0.42], lipLift: [0, 0], wrinkle: [0, 0],
  },
  // 6 neutral
  {
    browHeight: [0.25, 0.33], browTilt: [-0.03, 0.03], browArch: [0.01, 0.05], eyeOpen: [0.9, 1.1],
    mouthWidth: [0.3, 0.4], mouthCurve: [-0.03, 0.03], mouthOpen: [0, 0.02], lipLift: [0, 0], wrinkle: [0, 0],
  },
];

const KEYS = Object.keys(NEUTRAL) as (keyof Expression)[];

/**
 * Draws an expression of class `label`. Each parameter is uniform in its class range, then the
 * whole expression is pulled towards neutral by a random intensity in [1 - 0.4 difficulty, 1]:
 * subtle expressions are what make neighbouring classes overlap.
 */
export function sampleExpression(label: number, difficulty: number, rng: Rng, out: Expression): Expression {
  const ranges = CLASS_RANGES[label];
  const intensity = 1 - 0.4 * difficulty * rng();
  for (const k of KEYS) {
    const v = uniform(rng, ranges[k][0], ranges[k][1]);
    out[k] = NEUTRAL[k] + intensity * (v - NEUTRAL[k]);
  }
  return out;
}

/** A fresh expression object to be filled by `sampleExpression`. */
export function emptyExpression(): Expression {
  return { ...NEUTRAL };
}
