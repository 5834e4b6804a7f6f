// The training picture: loss and accuracy curves (train and validation) and the confusion matrix.
import { confusionMatrixChart, lineChart, svgDocument } from '../shared/svg_chart.mjs';

export function trainingChart(history, matrix, classNames, testAccuracy) {
  const loss = lineChart({
    x: 0, y: 0, title: 'Loss', series: [
      { label: 'train', values: history.loss },
      { label: 'validation', values: history.val_loss, dashed: true },
    ],
  });
  const acc = lineChart({
    x: 430, y: 0, title: 'Accuracy', yMin: 0, yMax: 1, series: [
      { label: 'train', values: history.accuracy },
      { label: 'validation', values: history.val_accuracy, dashed: true },
    ],
  });
  const cm = confusionMatrixChart({ x: 0, y: 270, size: 420, matrix, labels: classNames, title: `Confusion matrix (test accuracy ${(100 * testAccuracy).toFixed(1)} %)` });
  return svgDocument(860, 720, [loss, acc, cm]);
}
