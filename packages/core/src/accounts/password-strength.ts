import type { ZxcvbnFactory } from "@zxcvbn-ts/core";

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;

// zxcvbn's "safely unguessable": about 10^8 guesses or more.
const MIN_SCORE = 3;

let estimator: Promise<ZxcvbnFactory> | undefined;

/**
 * Loads and ranks zxcvbn's dictionaries (several megabytes; a second or two of CPU) once per
 * process, on first use, so that only sign-up and password changes wait for them: a server may
 * call it early to have them ready.
 */
export function preparePasswordCheck(): Promise<ZxcvbnFactory> {
  estimator ??= Promise.all([
    import("@zxcvbn-ts/core"),
    import("@zxcvbn-ts/language-common"),
    import("@zxcvbn-ts/language-en"),
  ]).then(
    ([{ ZxcvbnFactory }, common, en]) =>
      new ZxcvbnFactory({
        dictionary: { ...common.dictionary, ...en.dictionary },
        graphs: common.adjacencyGraphs,
        translations: en.translations,
        // The estimate's cost grows fast with length and with l33t substitutions (a
        // 128-character password took seconds with the defaults). Judging the first 32
        // characters can only refuse more, never accept a weaker password: what follows them
        // adds guesses.
        maxLength: 32,
        l33tMaxSubstitutions: 10,
      }),
  );
  return estimator;
}

/**
 * Why `password` is too easy to guess, or null. Judged by zxcvbn (dictionaries of common
 * passwords, words and names, keyboard patterns, repeats, sequences, dates, l33t spellings),
 * with the person's own name and email address counted as known words.
 */
export async function passwordProblem(
  password: string,
  personal: readonly string[] = [],
): Promise<string | null> {
  if (password.length < MIN_PASSWORD_LENGTH)
    return `Use at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Use at most ${MAX_PASSWORD_LENGTH} characters`;
  const words = personal.flatMap((value) => [value, ...value.split(/[^\p{L}\p{N}]+/u)]);
  const result = (await preparePasswordCheck()).check(password, [
    ...words.filter(Boolean),
    "authdeck",
  ]);
  if (result.score >= MIN_SCORE) return null;
  const why = result.feedback.warning ?? result.feedback.suggestions[0] ?? "";
  return `This password is too easy to guess. ${why}`.trim();
}
