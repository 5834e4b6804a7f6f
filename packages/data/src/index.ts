/**
 * @strata/data: datasets for Strata models. Synthetic FER2013-style faces, readers for the
 * FER2013 CSV and class-per-folder image layouts, and the helpers a training script needs
 * around them (splitting, shuffling, one-hot, normalisation, augmentation, batched datasets).
 */
export {
  FER2013_CLASSES, FER2013_CLASS_ALIASES, FER2013_IMAGE_SIZE, FER2013_NUM_CLASSES, fer2013ClassIndex, type Fer2013Class,
} from './classes';
export type { LabeledData, Seed } from './types';
export { generateExpressions, type ExpressionData, type GenerateExpressionsOptions } from './synthetic/generate';
export { readFer2013Csv, type Fer2013Splits, type ReadFer2013CsvOptions } from './fer2013/csv';
export { readImageFolder, type ImageFolderData, type ReadImageFolderOptions } from './fer2013/folder';
export { trainTestSplit, shuffleTogether, type TrainTestSplit, type TrainTestSplitOptions } from './transforms/split';
export { toOneHot } from './transforms/one_hot';
export { normalize, rescale, meanStd, type NormalizeOptions } from './transforms/normalize';
export { augmentImages, type AugmentOptions } from './transforms/augment';
export { makeAugmentedDataset, type AugmentedDataset, type AugmentedDatasetOptions, type Batch } from './transforms/dataset';
