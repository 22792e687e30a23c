/**
 * Child process of the `github` suite: `node --import tsx github-child.ts '<GithubRunInput as JSON>'`
 * measures one run (see `github-stages.ts`) and prints its report as the last line of stdout.
 */
import { REPORT_PREFIX } from './github.js';
import { measureGithubRun, type GithubRunInput } from './github-stages.js';

const input = JSON.parse(process.argv[2] ?? '{}') as GithubRunInput;
const report = await measureGithubRun(input);
process.stdout.write(`${REPORT_PREFIX}${JSON.stringify(report)}\n`);
