// src/core/versions.ts: docker/versions.json typed by its own keys, and checked where JSON's types cannot
// help (a version's worker list is plain strings to the compiler).
import { describe, expect, it } from 'vitest';
import versionsJson from '../../../docker/versions.json' with { type: 'json' };
import { checkVersionsFile, isWorker, supportedWorkers, versionsFile, type Worker } from '../../../src/core/versions.js';

const copy = (): typeof versionsJson => structuredClone(versionsJson);

describe('the worker catalogue', () => {
  it('is where the worker names come from, in its order', () => {
    expect(supportedWorkers()).toEqual(Object.keys(versionsJson.workers));
    // The Worker type is the catalogue's keys: this line would not compile with a name it lacks.
    const every: Record<Worker, true> = { meinheld: true, gthread: true, gevent: true, sync: true };
    expect(Object.keys(every).sort()).toEqual(Object.keys(versionsFile.workers).sort());
  });

  it('knows a worker by its catalogue entry, nothing else', () => {
    expect(isWorker('gthread')).toBe(true);
    expect(isWorker('uvicorn')).toBe(false);
    expect(isWorker('toString')).toBe(false);
  });

  it('every version names only catalogue workers, its default among them', () => {
    for (const [version, entry] of Object.entries(versionsFile.versions)) {
      expect(entry.workers.every(isWorker), version).toBe(true);
      expect(entry.workers, version).toContain(entry.defaultWorker);
    }
  });
});

describe('checkVersionsFile', () => {
  it('returns the file as read when it holds together', () => {
    expect(checkVersionsFile(versionsJson)).toBe(versionsJson);
  });

  it('refuses a version that names a worker the catalogue lacks, saying which and how to fix it', () => {
    const broken = copy();
    broken.versions['3.11'].workers.push('tornado');
    expect(() => checkVersionsFile(broken)).toThrow(
      'docker/versions.json: Python 3.11 names the worker "tornado", which the workers catalogue lacks. Workers in the catalogue: meinheld, gthread, gevent, sync; add the worker to "workers" or correct the name.',
    );
  });

  it('refuses a default worker or a default variant that is not in the file, each problem once', () => {
    const broken = copy();
    broken.versions['3.9'].defaultWorker = 'bjoern';
    broken.versions['3.9'].workers.push('bjoern');
    broken.defaultVariant = 'bookworm';
    expect(() => checkVersionsFile(broken)).toThrow(
      'docker/versions.json: defaultVariant "bookworm" is not one of the variants (debian, slim, alpine); Python 3.9 names the worker "bjoern", which the workers catalogue lacks. Workers in the catalogue: meinheld, gthread, gevent, sync; add the worker to "workers" or correct the name.',
    );
  });
});
