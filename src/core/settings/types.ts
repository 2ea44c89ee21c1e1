// The settings types: what settings.ts returns and what its callers give it. Their own module so that
// settings.ts and the parsers in settings/ both import them without importing each other.
import type { AttestationSettings, SigningSettings } from './supply-chain.js';
import type { BuilderSetting } from '../builder.js';
import type { CacheSpec } from '../cache.js';
import type { Mode } from './mode.js';
import type { RebuildMode } from '../fingerprint.js';
import type { Variant, Worker } from '../versions.js';

export type Network = 'bridge' | 'host';

/** The validated inputs, grouped as settings/ parses them: one module per group. */
export interface Settings {
  // Which image (settings/version.ts).
  /** Python version, e.g. "3.12" (one of docker/versions.json). */
  pythonVersion: string;
  /** Base variant, one of `variants` in docker/versions.json. */
  variant: Variant;
  /** Gunicorn worker the image runs, one of the version's `workers` in docker/versions.json. */
  worker: Worker;

  // Which app (settings/app.ts).
  /** Absolute path of the user's app folder (holds main.py or app/main.py). */
  appDir: string;
  /** Sets APP_MODULE in the image, for apps without main.py or app/main.py. */
  appModule: string;

  // Where it goes (settings/push.ts).
  /** Repository to tag and push, e.g. ghcr.io/acme/web; empty when only building and testing. */
  image: string;
  /** Whether to push (false on fork pull requests without credentials). */
  push: boolean;
  /** Why a requested push was turned off, for the log and summary. */
  pushSkippedReason: string;
  /** Registry host to log in to; empty means Docker Hub. */
  registry: string;
  username: string;
  password: string;
  /**
   * Why the workspace's code is not trusted with secrets ('' when it is: the repository's own code,
   * or trust-foreign-code). Then foreign-code.ts has withheld the login, the cache export and the
   * app layer's package index.
   */
  untrustedCode: string;

  // Which tags (settings/tags.ts).
  /** Whether to also tag and push `latest`. */
  latest: boolean;
  /** Whether to lead with a tag no later run overwrites: the date, the run number and the attempt. */
  immutableTag: boolean;
  /** Extra tags, pushed after the dated and version tags. */
  extraTags: string[];
  /** YYYY-MM-DD override for dated tags; empty to use the workflow run's start date. */
  date: string;

  // How to build (settings/build.ts).
  /** Base image redirect: a registry prefix ending in '/' or a full reference; empty for the official image. */
  baseImage: string;
  /** Package index for pip inside the build; empty for PyPI. */
  pipIndexUrl: string;
  /** Extra build arguments for both builds. */
  buildArgs: Record<string, string>;
  /** Always pull a newer base image (weekly rebuilds want this). */
  pull: boolean;
  noCache: boolean;
  /** auto: buildx when the docker CLI has it, else the classic builder; buildx or classic: that one. */
  builder: BuilderSetting;
  /** Caches both builds read (buildx syntax, cache.ts); the GitHub cache by default on hosted runners. */
  cacheFrom: CacheSpec[];
  /** Caches both builds write, each build in its own part. */
  cacheTo: CacheSpec[];
  /** Whether the cache came from the inputs (else the hosted-runner default, dropped quietly where it cannot work). */
  cacheGiven: boolean;
  /** Platforms to build, test and push as one image (platforms.ts); [] for the engine's own platform. */
  platforms: string[];
  /** always: build every run; if-changed: skip when the registry's image has this run's fingerprint (rebuild.ts). */
  rebuild: RebuildMode;

  // What is attached to the pushed image (settings/supply-chain.ts).
  /** Provenance and SBOM attestations; none by default. */
  attestations: AttestationSettings;
  /** The cosign signature of the pushed digest; none by default. */
  signing: SigningSettings;

  // How the smoke test reaches and judges it (settings/probe.ts).
  /** bridge: publish on an ephemeral 127.0.0.1 port; host: share the host network on a free port. */
  network: Network;
  probePath: string;
  probeStatus: number;
  /** Regular expression the response body must match; empty accepts any body. */
  probeBody: string;
  /** Seconds to wait for a passing probe. */
  probeTimeout: number;
  /** Whether probe-timeout was given (else the default, stretched for emulated platforms). */
  probeTimeoutGiven: boolean;
  /** Environment of the test container only. */
  probeEnv: Record<string, string>;

  // Which part of the work (settings/mode.ts).
  /** build: build, test and push every platform here; platform: one platform, pushed by digest for a merge; merge: tag the platform jobs' set. */
  mode: Mode;
  /** platform: the folder the hand-over file is written to ('' for the runner's temp folder); merge: the folder the hand-over files are read from. */
  handover: string;
  /** merge: the platform jobs' image digests, when not handed over as files. */
  digests: string[];

  githubToken: string;
  /** What reading the inputs changed (e.g. a lower-cased image), for notices in the log. */
  notices: string[];
}

/** Facts about where the action runs, gathered by the caller so parsing stays pure. */
export interface Environment {
  /** Folder the app path is resolved against and must stay inside (GITHUB_WORKSPACE or cwd). */
  workspace: string;
  /** The action's own folder (holds docker/). */
  actionRoot: string;
  /** True on a pull_request event whose head is in another repository (or a deleted one). */
  forkPullRequest: boolean;
  /**
   * True on pull_request_target, workflow_run or issue_comment for such a pull request (or one the API
   * could not verify): secrets present, code maybe foreign.
   */
  foreignCodeWithSecrets: boolean;
  /** Why the code counts as foreign (pull-request.ts), for the log; a generic reason when not given. */
  foreignCodeWhy?: string;
  /** RUNNER_TEMP: a local cache folder must lie in it or in the workspace (settings/build.ts). */
  runnerTemp?: string;
  /** True on a GitHub-hosted runner whose job may use GitHub's cache service (the cache default). */
  githubCache?: boolean;
}

export interface AppFolder {
  /** The `app` input these facts are about, trimmed as settings reads it. */
  input: string;
  /** The input resolved against the workspace, links kept. */
  resolved: string;
  /** The same with every link resolved (Docker reads what a link leads to); as resolved when it does not exist. */
  realPath: string;
  /** The workspace with every link resolved. */
  realWorkspace: string;
  isFolder: boolean;
  hasMain: boolean;
  hasAppMain: boolean;
  hasRequirements: boolean;
  /** The text of the folder's .dockerignore; undefined without one. */
  dockerignore: string | undefined;
}
