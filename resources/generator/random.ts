/**
 * Seeded pseudo-random helpers for the demo data generator.
 *
 * Everything here is deterministic: the same seed always yields the same sequence, on every
 * platform (only 32-bit integer arithmetic and IEEE doubles are used). No dependencies.
 */

/** mulberry32: a tiny, fast 32-bit PRNG. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Final mix of murmur3: spreads the bits of a 32-bit integer. */
export function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Combines a seed with any number of keys (numbers or strings) into a new 32-bit seed.
 * Used to derive independent sub-streams (one per deal, per row, per purpose) so that adding
 * a feature in one place does not reshuffle the random numbers used everywhere else.
 */
export function hashSeed(seed: number, ...keys: ReadonlyArray<number | string>): number {
  let h = mix32((seed >>> 0) ^ 0x9e3779b9);
  for (const key of keys) {
    if (typeof key === 'number') {
      h = mix32(h ^ mix32((key >>> 0) + 0x7f4a7c15));
      // Keep the high part for numbers beyond 32 bits (row indexes stay far below that).
      h = mix32(h ^ Math.floor(key / 4294967296));
    } else {
      for (let i = 0; i < key.length; i++) h = mix32(h ^ (key.charCodeAt(i) + Math.imul(i + 1, 0x01000193)));
      h = mix32(h ^ key.length);
    }
  }
  return h;
}

export class Rng {
  private readonly source: () => number;
  private spareNormal: number | null = null;

  constructor(seed: number) {
    this.source = mulberry32(seed);
  }

  /** A generator for an independent sub-stream identified by `keys`. */
  static derive(seed: number, ...keys: ReadonlyArray<number | string>): Rng {
    return new Rng(hashSeed(seed, ...keys));
  }

  /** Uniform float in [0, 1). */
  next(): number {
    return this.source();
  }

  /** Uniform float in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.source();
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.source() * (max - min + 1));
  }

  /** true with probability p. */
  bool(p: number): boolean {
    return this.source() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.source() * items.length)] as T;
  }

  /** Index drawn with probability proportional to weights[i]. */
  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    if (!(total > 0)) throw new Error('weightedIndex needs a positive total weight');
    let r = this.source() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i] as number;
      if (r < 0) return i;
    }
    // Floating point leftovers: return the last item with a positive weight.
    for (let i = weights.length - 1; i >= 0; i--) if ((weights[i] as number) > 0) return i;
    return weights.length - 1;
  }

  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    if (items.length !== weights.length) throw new Error('weighted: items and weights differ in length');
    return items[this.weightedIndex(weights)] as T;
  }

  /** Normal deviate (Box-Muller, with the second value kept for the next call). */
  normal(mean = 0, sd = 1): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return mean + sd * z;
    }
    let u = 0;
    while (u <= 1e-12) u = this.source();
    const v = this.source();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return mean + sd * r * Math.cos(2 * Math.PI * v);
  }

  /** Lognormal deviate given its median and the sd of its logarithm. */
  lognormal(median: number, sigma: number): number {
    return Math.exp(Math.log(median) + sigma * this.normal());
  }

  /** Exponential deviate with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.source());
  }

  /** Poisson deviate (Knuth for small means, rounded normal approximation above 30). */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda > 30) return Math.max(0, Math.round(this.normal(lambda, Math.sqrt(lambda))));
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = this.source();
    while (p > limit) {
      k++;
      p *= this.source();
    }
    return k;
  }

  /** Fisher-Yates shuffle, in place; returns the array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.source() * (i + 1));
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }
}
