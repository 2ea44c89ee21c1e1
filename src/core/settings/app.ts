// Which app: the folder (it must stay inside the workspace and hold an entry point) and the module
// path for apps without one. The folder's facts come from app-folder.ts, read by the caller.
import * as path from 'node:path';
import { excludingPattern } from '../dockerignore.js';
import type { AppFolder, Environment, Settings } from './types.js';
import type { InputReader } from './input-reader.js';

export function parseApp(
  input: InputReader,
  folder: AppFolder | undefined,
  env: Pick<Environment, 'workspace' | 'actionRoot'>,
): Pick<Settings, 'appDir' | 'appModule'> {
  const appModule = input.get('app-module');
  if (appModule !== '' && !/^[A-Za-z_][\w.]*(:[A-Za-z_][\w.()]*)?$/.test(appModule))
    input.fail(`app-module: "${appModule}" is not a Python module path; use e.g. myapp.wsgi:application.`);
  const appInput = input.get('app');
  if (appInput === '') return { appDir: path.join(env.actionRoot, 'docker', 'demo'), appModule };
  // A caller's mistake, not the user's: the facts must be about this very input.
  if (folder?.input !== appInput) throw new Error(`parseSettings: pass inspectApp(workspace, "${appInput}") for the app input`);
  const problem = folderProblem(folder, appModule, env.workspace);
  if (problem !== '') input.fail(problem);
  return { appDir: folder.realPath, appModule };
}

/** What is wrong with the app folder, or '' when it can be built; the first problem only. `workspace` as the user knows it. */
function folderProblem(folder: AppFolder, appModule: string, workspace: string): string {
  const { input, realPath } = folder;
  const relative = path.relative(folder.realWorkspace, realPath);
  if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative))
    return `app: "${input}" points outside the workspace (${workspace})${realPath !== folder.resolved ? `: it is a link to ${realPath}` : ''}; give a folder inside the repository.`;
  if (!folder.isFolder) return `app: "${input}" is not a folder (looked at ${realPath}); give the folder that holds main.py or app/main.py.`;
  if (appModule === '' && !folder.hasMain && !folder.hasAppMain)
    return `app: "${input}" holds neither main.py nor app/main.py; add one with a Flask object named app, or set app-module (e.g. mypkg.wsgi:app).`;
  if (folder.hasRequirements && folder.dockerignore !== undefined) {
    // The layer COPYs requirements.txt: a .dockerignore that leaves it out would break the build obscurely.
    const pattern = excludingPattern(folder.dockerignore, 'requirements.txt');
    if (pattern !== undefined)
      return `app: "${input}/.dockerignore" leaves requirements.txt out of the build (line "${pattern}"), so the image could not install it; remove that line or add "!requirements.txt" after it.`;
  }
  return '';
}
