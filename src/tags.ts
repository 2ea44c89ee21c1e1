// Which tags an image gets, and in which order they are pushed.
import { tagSuffix, type Variant } from './versions.js';

export interface TagRequest {
  pythonVersion: string;
  variant: Variant;
  /** YYYY-MM-DD, already resolved (run start date, today, or the `date` input). */
  date: string;
  latest: boolean;
  extraTags: string[];
}

/**
 * Tags in push order: the dated tag first (immutable, safe to pin), then the moving
 * version tag, then the user's extra tags, and `latest` last, so a push that fails
 * half-way never moves `latest` onto an image whose other tags are missing.
 */
export function computeTags(request: TagRequest): string[] {
  const base = `python${request.pythonVersion}${tagSuffix(request.variant)}`;
  // `latest` among the extra tags is taken as asking for latest, which always goes last.
  const wantsLatest = request.latest || request.extraTags.includes('latest');
  const tags = [`${base}-${request.date}`, base, ...request.extraTags.filter((tag) => tag !== 'latest')];
  if (wantsLatest) tags.push('latest');
  return [...new Set(tags)];
}
