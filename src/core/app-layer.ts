// The Dockerfile that layers a user's app on the built base image. Rendered from what the
// app folder holds, because a COPY of a file that does not exist fails the build.
import { PIP_SECRET_MOUNT } from './pip-index.js';

export interface AppLayer {
  /** Local tag of the base image built from docker/Dockerfile. */
  baseTag: string;
  hasRequirements: boolean;
  /** Whether a package index is passed (PIP_INDEX_URL / PIP_TRUSTED_HOST build args). */
  customIndex: boolean;
  /** Whether pip's config comes as the `pip-config` build secret (an index with credentials: pip-index.ts). */
  pipSecret: boolean;
  /** APP_MODULE to bake in, or '' to let the image find main.py or app/main.py. */
  appModule: string;
}

export function renderAppDockerfile(layer: AppLayer): string {
  const lines = ['# Rendered by the action: the user app layered on the bundled Meinheld/Gunicorn image.', `FROM ${layer.baseTag}`];
  if (layer.customIndex) {
    // pip reads these from the environment, and build arguments are in RUN's environment.
    lines.push('ARG PIP_INDEX_URL', 'ARG PIP_TRUSTED_HOST');
  }
  if (layer.hasRequirements) {
    // Requirements go first, in their own layer, so a code-only change reuses the installed packages.
    lines.push(
      'COPY requirements.txt /tmp/app-requirements.txt',
      `RUN ${layer.pipSecret ? `${PIP_SECRET_MOUNT} ` : ''}python -m pip install --no-cache-dir --disable-pip-version-check -r /tmp/app-requirements.txt && rm /tmp/app-requirements.txt`,
    );
  }
  // The bundled demo app must not linger beside the user's code.
  lines.push('RUN rm -rf /app && mkdir -p /app', 'COPY . /app');
  if (layer.appModule !== '') lines.push(`ENV APP_MODULE=${JSON.stringify(layer.appModule)}`);
  return `${lines.join('\n')}\n`;
}
