import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/// File name of the sample letter kept in this package.
export const SAMPLE_LETTER_FILE = "remain-in-mexico-letter-2018-12-21.txt";

/// The civil-society letter of 21 December 2018 on "Remain in Mexico", as
/// given (navigation lines included). Node only.
export function readSampleLetter(): string {
  return readFileSync(
    fileURLToPath(new URL(`../samples/${SAMPLE_LETTER_FILE}`, import.meta.url)),
    "utf8",
  );
}
