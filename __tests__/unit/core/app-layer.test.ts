import { describe, expect, it } from 'vitest';
import { renderAppDockerfile, type AppLayer } from '../../../src/core/app-layer.js';

const layer = (overrides: Partial<AppLayer> = {}): AppLayer => ({
  baseTag: 'flask-gunicorn-action/base:python3.12-gthread',
  hasRequirements: false,
  customIndex: false,
  pipSecret: false,
  appModule: '',
  ...overrides,
});

const PIP_INSTALL =
  'RUN python -m pip install --no-cache-dir --disable-pip-version-check -r /tmp/app-requirements.txt && rm /tmp/app-requirements.txt';

/** The Dockerfile's instructions, without the comment line. */
const instructions = (text: string): string[] =>
  text
    .trimEnd()
    .split('\n')
    .filter((line) => !line.startsWith('#'));

describe('renderAppDockerfile', () => {
  it('copies the app over the demo on the base image when there is nothing else', () => {
    const text = renderAppDockerfile(layer());
    expect(text.endsWith('\n')).toBe(true);
    expect(instructions(text)).toEqual(['FROM flask-gunicorn-action/base:python3.12-gthread', 'RUN rm -rf /app && mkdir -p /app', 'COPY . /app']);
  });

  it('installs requirements.txt in a layer of its own before copying the code', () => {
    expect(instructions(renderAppDockerfile(layer({ hasRequirements: true })))).toEqual([
      'FROM flask-gunicorn-action/base:python3.12-gthread',
      'COPY requirements.txt /tmp/app-requirements.txt',
      PIP_INSTALL,
      'RUN rm -rf /app && mkdir -p /app',
      'COPY . /app',
    ]);
  });

  it('declares the index build arguments before pip runs when a custom index is used', () => {
    expect(instructions(renderAppDockerfile(layer({ hasRequirements: true, customIndex: true })))).toEqual([
      'FROM flask-gunicorn-action/base:python3.12-gthread',
      'ARG PIP_INDEX_URL',
      'ARG PIP_TRUSTED_HOST',
      'COPY requirements.txt /tmp/app-requirements.txt',
      PIP_INSTALL,
      'RUN rm -rf /app && mkdir -p /app',
      'COPY . /app',
    ]);
  });

  it('declares no index arguments without a custom index', () => {
    expect(renderAppDockerfile(layer({ hasRequirements: true }))).not.toContain('ARG ');
  });

  it('sets APP_MODULE last, as a quoted string', () => {
    const lines = instructions(renderAppDockerfile(layer({ appModule: 'mypkg.wsgi:application' })));
    expect(lines.at(-1)).toBe('ENV APP_MODULE="mypkg.wsgi:application"');
  });

  it('quotes a factory call whole', () => {
    expect(instructions(renderAppDockerfile(layer({ appModule: 'web:create_app()' }))).at(-1)).toBe('ENV APP_MODULE="web:create_app()"');
  });

  it('sets no APP_MODULE when none is given', () => {
    expect(renderAppDockerfile(layer())).not.toContain('APP_MODULE');
  });
});
