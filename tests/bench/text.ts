/**
 * Deterministic log text for the benchmarks: every variant and every run gets the same entries, so the ratios
 * compare the same work.
 */

export const words = [
  'station', 'oproep', 'TikTok', 'Snapchat', 'geëscaleerd', 'jongeren', 'vuurwerk', 'politie', 'wijkagent',
  'noodverordening', 'samenscholing', 'influencer', 'groepsapp', 'Telegram', 'opvanglocatie', 'raadsvergadering',
  'handhaving', 'jongerenwerk', 'ouders', 'school', 'plein', 'winkelcentrum', 'verspreiding', 'mobilisatie',
  'bereik', 'weergaven', 'waarneming', 'melding', 'dreiging', 'gebiedsverbod', 'cameratoezicht', 'café',
  'zaterdagavond', 'scooters', 'doxxing', 'adres', 'buurtbewoners', 'vrijwilligers', 'communicatie', 'tegenbericht',
];

/** Deterministic pseudo-random numbers in [0, 1). */
export function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Words drawn Zipf-like from a 3,000-word vocabulary: the domain words above are the most frequent ranks
 * (the commonest appears in most entries, as "de" or "TikTok" would), the rest a long tail, as in real text.
 */
export const vocabulary = [...words, ...Array.from({ length: 3_000 - words.length }, (_, i) => `woord${i.toString(36)}`)];

export function entryText(next: () => number): string {
  const length = 8 + Math.floor(next() * 25);
  return Array.from({ length }, () => {
    const rank = Math.floor(Math.exp(next() * Math.log(vocabulary.length))) - 1;
    return vocabulary[Math.min(vocabulary.length - 1, rank)];
  }).join(' ');
}

export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
