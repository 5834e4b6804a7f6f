/**
 * The seven FER2013 emotion classes in the dataset's label order (the `emotion` column of
 * fer2013.csv): 0 angry, 1 disgust, 2 fear, 3 happy, 4 sad, 5 surprise, 6 neutral.
 */
export const FER2013_CLASSES = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'] as const;

/** One of the FER2013 class names. */
export type Fer2013Class = (typeof FER2013_CLASSES)[number];

/** Number of FER2013 classes. */
export const FER2013_NUM_CLASSES = FER2013_CLASSES.length;

/** Side of a FER2013 image in pixels. */
export const FER2013_IMAGE_SIZE = 48;

// Folder datasets re-published from FER2013 spell some classes as adjectives
// ('disgusted', 'fearful', 'surprised'); both spellings map to the same index.
const ALIASES: ReadonlyMap<string, number> = new Map([
  ...FER2013_CLASSES.map((name, i) => [name, i] as const),
  ['disgusted', 1],
  ['fearful', 2],
  ['surprised', 5],
]);

/** Every class-folder name `readImageFolder` accepts (lower case). */
export const FER2013_CLASS_ALIASES: readonly string[] = [...ALIASES.keys()];

/** The FER2013 index of a class name (case-insensitive, aliases accepted), or -1. */
export function fer2013ClassIndex(name: string): number {
  return ALIASES.get(name.trim().toLowerCase()) ?? -1;
}
