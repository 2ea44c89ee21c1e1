import { describe, expect, it } from 'vitest';
import { excludingPattern } from '../../../src/core/dockerignore.js';

describe('excludingPattern (Docker .dockerignore rules)', () => {
  it.each([
    ['requirements.txt', 'requirements.txt'],
    ['/requirements.txt', '/requirements.txt'],
    ['./requirements.txt', './requirements.txt'],
    ['*.txt', '*.txt'],
    ['requirements*', 'requirements*'],
    ['require?ents.txt', 'require?ents.txt'],
    ['**', '**'],
    ['**/*.txt', '**/*.txt'],
    ['*', '*'],
    ['[r]equirements.txt', '[r]equirements.txt'],
    ['requirements\\.txt', 'requirements\\.txt'],
    ['# a comment\n  requirements.txt  ', 'requirements.txt'],
  ])('%j leaves requirements.txt out', (file, line) => {
    expect(excludingPattern(file, 'requirements.txt')).toBe(line);
  });

  it.each([
    ['', 'nothing listed'],
    ['# requirements.txt', 'a comment'],
    ['docs/requirements.txt', 'a deeper file'],
    ['*.md\n.git\nnode_modules', 'other files'],
    ['*.txt\n!requirements.txt', 'put back by a later !'],
    ['requirements.txt.bak', 'a longer name'],
    ['requirements.tx', 'a shorter name'],
    ['requirements.tx\\?', 'an escaped ? is a question mark, not any character'],
  ])('%j keeps requirements.txt (%s)', (file) => {
    expect(excludingPattern(file, 'requirements.txt')).toBeUndefined();
  });

  it('a folder pattern covers what is under it; the last matching line decides', () => {
    expect(excludingPattern('config', 'config/requirements.txt')).toBe('config');
    expect(excludingPattern('!requirements.txt\n*', 'requirements.txt')).toBe('*');
    expect(excludingPattern('.git', '.git/config')).toBe('.git');
  });
});
