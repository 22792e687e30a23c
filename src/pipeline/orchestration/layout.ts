/**
 * Where each kind of API lives in `specs/` (README, "Two kinds of API"):
 *
 * - a **transcribed** API is `specs/<api>.yaml`, written by us from the vendor's page;
 * - a **published** API is `specs/published/<api>/`: the vendor's document byte for byte
 *   (`openapi.json` or `openapi.yaml`), `source.json` (where it came from, its sha256, when), and
 *   `overlays/*.yaml`, our changes to it, which its `apis` entry in `redocly.yaml` lists.
 *
 * Every command finds the APIs here, so a name's kind is never a setting to keep in step.
 */
import { readdirSync, type Dirent } from 'node:fs';
import { join } from 'node:path';

export type ApiKind = 'transcribed' | 'published';

/** The folder of published APIs, under the specs folder. */
export const PUBLISHED_DIR = 'published';
/** The vendor's document in a published API's folder: one of these, as its syntax is. */
export const PUBLISHED_DOCUMENTS = ['openapi.json', 'openapi.yaml'] as const;
/** Where a published document came from. */
export const SOURCE_RECORD = 'source.json';
/** A published API's overlays, in its folder. */
export const OVERLAYS_DIR = 'overlays';

/** The lint preset of a published API's `apis` entry (`src/redocly/presets.js`). */
export const PUBLISHED_PRESET = 'voice-agent-sdks/published';

/** An API name is a transcribed spec's base name or a published API's folder: `@<scope>/<name>`, `create<Name>Client`. */
export const API_NAME = /^[a-z][a-z0-9-]*$/;

export interface ApiLocation {
  name: string;
  kind: ApiKind;
  /** Absolute path of `specs/<name>.yaml`, or of the vendor's document in `specs/published/<name>/`. */
  specPath: string;
}

/** `specs/published/<name>/`. */
export function publishedDir(specsDir: string, name: string): string {
  return join(specsDir, PUBLISHED_DIR, name);
}

/**
 * The published APIs: each folder of `specs/published/` (hidden ones aside) with the document it
 * holds; a folder with none or both is listed with `specPath` of the first expected name and
 * `problem` saying so, for the caller to report.
 */
export async function listPublished(specsDir: string): Promise<(ApiLocation & { problem?: string })[]> {
  const root = join(specsDir, PUBLISHED_DIR);
  // Synchronous, as the rest of a no-op run's reading (see `generate.ts`).
  let folders: Dirent[];
  try {
    folders = readdirSync(root, { withFileTypes: true });
  } catch {
    folders = [];
  }
  const apis: (ApiLocation & { problem?: string })[] = [];
  for (const folder of folders.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (!folder.isDirectory() || folder.name.startsWith('.')) continue;
    const files = readdirSync(join(root, folder.name));
    const documents = PUBLISHED_DOCUMENTS.filter((file) => files.includes(file));
    const specPath = join(root, folder.name, documents[0] ?? PUBLISHED_DOCUMENTS[0]);
    const api: ApiLocation & { problem?: string } = { name: folder.name, kind: 'published', specPath };
    if (documents.length !== 1) {
      api.problem =
        documents.length === 0
          ? `holds no ${PUBLISHED_DOCUMENTS.join(' or ')}: a published API is imported with \`npm run import -- <file> --name ${folder.name}\``
          : `holds both ${PUBLISHED_DOCUMENTS.join(' and ')}: keep the one \`redocly.yaml\` names`;
    }
    apis.push(api);
  }
  return apis;
}
