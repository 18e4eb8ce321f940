// Stage order and meaning: which stages close a deal (won / lost) and in what order the open ones
// come, from stage names in four languages, the deals' statuses and the probabilities reps enter.
// Pure.
import { outcomeOf, stageNumber, stageRank } from './vocabulary';

export interface StageStat {
  stage: string;
  /** Deals at this stage. */
  count: number;
  /** Mean probability of the deals at this stage, 0..1 or 0..100 (the scale is detected), null if unknown. */
  avgProbability: number | null;
  /** Share of the deals at this stage whose status is won / lost (null: no status column). */
  wonShare: number | null;
  lostShare: number | null;
}

export type StageMeaning = 'open' | 'won' | 'lost';

export interface StageInfo {
  stage: string;
  /** 1-based: open stages first in process order, then won, then lost. */
  position: number;
  meaning: StageMeaning;
  /** 0..1: the stage's mean probability for open stages (null if unknown), 1 for won, 0 for lost. */
  probability: number | null;
}

/** What a stage name alone says: won, lost, open, or nothing. */
export function stageMeaningFromName(stage: string): StageMeaning | null {
  return outcomeOf(stage);
}

/** Open stages are ordered by probability only when probabilities differ by at least this much. */
const INFORMATIVE_SPREAD = 0.15;
/** Share of a stage's deals with one status that makes the stage mean that status. */
const STATUS_MAJORITY = 0.8;

/**
 * Meaning: from the stage name (Closed Won, Gagné, Signé, Gewonnen, Abgeschlossen gewonnen...;
 * Closed Lost, Perdu, Abandonné, Verloren...), else from the statuses of its deals (80 % won or
 * lost). Order of the open stages: a leading number in the name ("1. Prospect") when every open
 * stage has one; else the mean probability when probabilities are informative (they differ by at
 * least 15 points across stages: reps' entries that are flat or random say nothing about order);
 * else the usual order of stage words (Prospecting, Qualification, Needs analysis / Demo,
 * Proposal / Quote, Negotiation / Commit, in four languages); unknown names keep their input
 * order after the known ones. Won stages come after the open ones, lost stages last.
 */
export function inferStages(stats: readonly StageStat[]): StageInfo[] {
  const probs = stats.map((s) => s.avgProbability).filter((p): p is number => p !== null && Number.isFinite(p));
  const scale = probs.some((p) => p > 1) ? 100 : 1;
  const rows = stats.map((s, index) => {
    const p = s.avgProbability === null || !Number.isFinite(s.avgProbability) ? null : s.avgProbability / scale;
    let meaning = stageMeaningFromName(s.stage);
    if (meaning === null || meaning === 'open') {
      if (meaning === null && s.wonShare !== null && s.wonShare >= STATUS_MAJORITY) meaning = 'won';
      else if (meaning === null && s.lostShare !== null && s.lostShare >= STATUS_MAJORITY) meaning = 'lost';
      else meaning = 'open';
    }
    return { s, index, p, meaning: meaning as StageMeaning, rank: stageRank(s.stage), number: stageNumber(s.stage) };
  });

  const open = rows.filter((r) => r.meaning === 'open');
  const allNumbered = open.length > 0 && open.every((r) => r.number !== null);
  const openProbs = open.map((r) => r.p).filter((p): p is number => p !== null);
  const informative = openProbs.length >= 2 && Math.max(...openProbs) - Math.min(...openProbs) >= INFORMATIVE_SPREAD;
  const vocabKey = (r: (typeof rows)[number]) => r.rank ?? 6;

  open.sort((a, b) => {
    if (allNumbered) return (a.number ?? 0) - (b.number ?? 0) || a.index - b.index;
    if (informative) {
      const pa = a.p ?? (a.rank !== null ? (a.rank - 0.5) / 5 : null);
      const pb = b.p ?? (b.rank !== null ? (b.rank - 0.5) / 5 : null);
      if (pa !== null && pb !== null && pa !== pb) return pa - pb;
      if (pa === null && pb !== null) return 1;
      if (pb === null && pa !== null) return -1;
    }
    return vocabKey(a) - vocabKey(b) || a.index - b.index;
  });
  const won = rows.filter((r) => r.meaning === 'won').sort((a, b) => a.index - b.index);
  const lost = rows.filter((r) => r.meaning === 'lost').sort((a, b) => a.index - b.index);

  return [...open, ...won, ...lost].map((r, i) => ({
    stage: r.s.stage,
    position: i + 1,
    meaning: r.meaning,
    probability: r.meaning === 'won' ? 1 : r.meaning === 'lost' ? 0 : r.p,
  }));
}
