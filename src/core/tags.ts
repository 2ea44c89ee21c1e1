// Which tags an image gets, and in which order they are pushed.
import { defaultWorker, tagSuffix, type Variant, type Worker } from './versions.js';

export interface TagRequest {
  pythonVersion: string;
  variant: Variant;
  worker: Worker;
  /** YYYY-MM-DD, already resolved (run creation date, today, or the `date` input). */
  date: string;
  latest: boolean;
  extraTags: string[];
  /** The workflow run, for the immutable tag; absent when it is not asked for. */
  run?: { number: string; attempt: string };
}

/** The part every generated tag starts with, e.g. python3.12-slim, or python3.12-slim-gevent for a non-default worker. */
export function tagBase(request: Pick<TagRequest, 'pythonVersion' | 'variant' | 'worker'>): string {
  // A matrix over workers would otherwise push different images to the same tags, the last job winning;
  // the default worker (docker/versions.json) stays unnamed so existing tags keep their meaning.
  const worker = request.worker === defaultWorker(request.pythonVersion) ? '' : `-${request.worker}`;
  return `python${request.pythonVersion}${tagSuffix(request.variant)}${worker}`;
}

/**
 * Tags in push order: the dated tags first (safe to pin), then the moving version tag, then
 * the user's extra tags, and `latest` last, so a push that fails half-way never moves `latest`
 * onto an image whose other tags are missing. The immutable tag (date, run number and attempt)
 * leads: a same-day rebuild or a re-run never overwrites it.
 */
export function computeTags(request: TagRequest): string[] {
  const base = tagBase(request);
  // `latest` among the extra tags is taken as asking for latest, which always goes last.
  const wantsLatest = request.latest || request.extraTags.includes('latest');
  const immutable = request.run ? [`${base}-${request.date}-run${request.run.number}.${request.run.attempt}`] : [];
  const tags = [...immutable, `${base}-${request.date}`, base, ...request.extraTags.filter((tag) => tag !== 'latest')];
  if (wantsLatest) tags.push('latest');
  return [...new Set(tags)];
}
