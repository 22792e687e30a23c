/** What a package folder holds besides the files a run generates. */
import { listFiles } from '../../shared/files.js';

/**
 * The reference docs (`docs/index.html`, 2.5 MB, most of it the Redoc bundle) are rebuilt from
 * `openapi.json` and not committed: they are no part of the manifest, the package or `--check`.
 */
export const DOCS_DIR = 'docs';

/** The files of a package folder that the manifest accounts for: all but the docs. */
export async function listPackageFiles(dir: string): Promise<string[]> {
  return (await listFiles(dir)).filter((file) => !file.startsWith(`${DOCS_DIR}/`));
}
