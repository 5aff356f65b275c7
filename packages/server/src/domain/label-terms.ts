/**
 * The form two label names are compared in, so that what people type finds what the labeler wrote: lower
 * case, single spaces, and the last word in the singular ("Horses" → "horse", "boxes" → "box",
 * "puppies" → "puppy", "wine glasses" → "wine glass"). Deliberately small — English -s, -es and -ies only —
 * and applied to both sides, so an irregular plural at worst matches nothing new.
 *
 * @example labelStem("Ponies") // → "pony"
 */
export function labelStem(name: string): string {
  const words = name.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const last = words.pop();
  if (last === undefined) return "";
  return [...words, singular(last)].join(" ");
}

/** Words whose -s is not a plural. */
const UNCHANGED = new Set(["gas", "canvas", "news", "series", "species", "scissors", "skis"]);

/** The few irregular plurals a labeler's vocabulary (COCO, Rekognition) makes likely. */
const IRREGULAR: Readonly<Record<string, string>> = {
  people: "person",
  men: "man",
  women: "woman",
  children: "child",
  mice: "mouse",
  buses: "bus",
  knives: "knife",
  leaves: "leaf",
};

function singular(word: string): string {
  const irregular = IRREGULAR[word];
  if (irregular !== undefined) return irregular;
  if (word.length <= 2 || UNCHANGED.has(word) || word.endsWith("ss") || word.endsWith("us")) return word;
  // -ies → -y (puppies, teddies), but not in short words whose singular ends in -ie (ties, pies).
  if (word.endsWith("ies") && word.length > 4) return `${word.slice(0, -3)}y`;
  // -es after a sibilant that needs it (boxes, benches, dishes, glasses); otherwise only the -s goes
  // (horses, cakes, ties).
  if (/(x|ch|sh|ss|zz)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith("s")) return word.slice(0, -1);
  return word;
}

/** Whether a stored label name is what a search term asks for. */
export function labelMatches(storedName: string, term: string): boolean {
  return labelStem(storedName) === labelStem(term);
}
