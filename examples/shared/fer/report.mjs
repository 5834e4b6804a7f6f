// The training picture: loss and accuracy curves (train, validation, and validation with the
// moving BatchNormalization statistics), the confusion matrix, and a grid of test faces.
import { imageGrid } from '../image_grid.mjs';
import { confusionMatrixChart, lineChart, svgDocument } from '../svg_chart.mjs';

/**
 * Indices of `count` test images, in test order: the first misclassified ones (a third, or more
 * when too few are correct), then the first correct ones.
 */
export function sampleIndices(trueClasses, predicted, count = 24) {
  const wrong = [];
  const right = [];
  for (let i = 0; i < trueClasses.length; i++) (trueClasses[i] === predicted[i] ? right : wrong).push(i);
  const pickedWrong = wrong.slice(0, Math.max(Math.floor(count / 3), count - right.length));
  return [...pickedWrong, ...right.slice(0, count - pickedWrong.length)].sort((a, b) => a - b);
}

export function trainingChart({ history, matrix, classNames, testAccuracy, samples }) {
  const loss = lineChart({
    x: 0, y: 0, title: 'Loss', series: [
      { label: 'train', values: history.loss },
      { label: 'validation', values: history.val_loss },
    ],
  });
  const acc = lineChart({
    x: 430, y: 0, title: 'Accuracy', yMin: 0, yMax: 1, series: [
      { label: 'train', values: history.accuracy },
      { label: 'val (precise BN)', values: history.val_accuracy },
      { label: 'val (moving BN)', values: history.val_accuracy_moving_stats ?? [], dashed: true },
    ],
  });
  const cm = confusionMatrixChart({ x: 0, y: 270, size: 420, matrix, labels: classNames, title: `Confusion matrix (test accuracy ${(100 * testAccuracy).toFixed(1)} %)` });
  const wrong = samples.filter((s) => s.predicted !== s.trueClass).length;
  const grid = imageGrid({
    x: 440, y: 270, title: 'Test faces: true / predicted',
    images: samples.map((s) => ({ pixels: s.pixels, size: s.size, lines: [classNames[s.trueClass], `→ ${classNames[s.predicted]}`], marked: s.predicted !== s.trueClass })),
    note: wrong ? `red: misclassified (${wrong} of these ${samples.length}; misclassified faces are picked first)` : `all ${samples.length} classified correctly`,
  });
  return svgDocument(860, 720, [loss, acc, cm, grid]);
}
