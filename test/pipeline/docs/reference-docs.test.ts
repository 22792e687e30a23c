/**
 * The reference page of every API (`renderReferenceDocs`): built from the bundled spec when the
 * pipeline has written one, else from the source spec, then opened from disk in headless Chromium
 * with every request leaving the machine refused. The page must render the operation and every
 * request field, fetch nothing, and come out byte-identical whatever the time zone, locale or
 * spec location. Screenshots go to `test-output/docs/<api>.jpg` for a human to look at.
 *
 * APIs are discovered from `specs/*.yaml`, as the pipeline does: a new spec gets its rows.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, errors, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GenerateError } from '../../../src/shared/errors.js';
import { buildDocsEntry } from '../../../src/pipeline/docs/build-docs-thread.js';
import { refreshReferenceDocs, renderReferenceDocs } from '../../../src/pipeline/docs/index.js';
import {
  deref,
  fieldPaths,
  loadSpec,
  operationsOf,
  requestSchema,
  type Json,
  type OpenApi,
} from '../../support/spec.js';
import { removeDir } from '../../support/files.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SCREENSHOT_DIR = join(ROOT, 'test-output', 'docs');

/**
 * Chromium's headless shell (Debian's `chromium-headless-shell`), not the whole browser with its
 * windows unshown: no window, address bar or popup of its own to run beside each page (the whole
 * browser took about a fifth more CPU for the same pages).
 */
const CHROMIUM = '/usr/bin/chromium-headless-shell';
const CHROMIUM_MISSING =
  `${CHROMIUM} not found: the reference-docs test drives Debian's Chromium headless shell. ` +
  'Install it with `apt-get update && apt-get install -y chromium-headless-shell` (as root), or run `.ci/run`.';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  // Keep Chromium from phoning home on its own (updates, sync, QUIC probes), so any request the
  // test sees comes from the page.
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // The four pages in one renderer process rather than one each: a renderer's start and memory
  // are paid once. Measured side by side, seven pairs: Chromium's processes took a median 1.8
  // CPU-s less of about 19 (less in 6 of the 7), and the file about 3 s longer on its own, its
  // pages sharing one main thread.
  '--renderer-process-limit=1',
];

/**
 * What the page's Content-Security-Policy is expected to refuse, and why that is harmless. Anything
 * else it refuses is something the page wanted and did not get.
 */
const EXPECTED_CSP_REFUSALS = [
  // Redoc 3's sidebar credits Redocly with a logo from cdn.redoc.ly and has no option to drop it;
  // refused, the logo hides itself.
  /^img-src https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(-full)?\.svg$/,
  // Redoc's search probes `Function(...)` to decide whether to index in a worker; refused, it
  // indexes on the page itself and still finds fields.
  /^script-src eval$/,
];

interface ApiCase {
  given: { specPath: string };
  want: {
    /** Every operation of the spec (each page documents one; a spec may grow more). */
    operations: { summary: string; method: string; path: string }[];
    /** `in name` of every parameter of every operation: `path agent_id`. */
    parameters: string[];
    /** Every request body field of every operation as a dotted path, array items as `name[]`: `tools[].name`. */
    bodyFields: string[];
  };
}

function discoverApis(): string[] {
  return readdirSync(join(ROOT, 'specs'), { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.yaml'))
    .map((entry) => basename(entry.name, '.yaml'))
    .sort();
}

function apiCase(api: string): ApiCase {
  const bundled = join(ROOT, 'generated', api, 'openapi.json');
  const specPath = existsSync(bundled) ? bundled : join(ROOT, 'specs', `${api}.yaml`);
  // JSON read as JSON: the YAML parser takes about a second for the four bundled specs.
  const doc = specPath.endsWith('.json')
    ? (JSON.parse(readFileSync(specPath, 'utf8')) as OpenApi)
    : loadSpec(specPath);
  const operations = operationsOf(doc);
  const parameters = operations.flatMap(({ path, operation }) => {
    const pathItem = doc.paths[path] as unknown as { parameters?: Json[] };
    return [...(pathItem.parameters ?? []), ...((operation['parameters'] ?? []) as Json[])]
      .map((parameter) => deref(doc, parameter))
      .map((parameter) => `${String(parameter['in'])} ${String(parameter['name'])}`);
  });
  return {
    given: { specPath },
    want: {
      operations: operations.map(({ path, method, operation }) => ({
        summary: String(operation['summary']),
        method: method.toUpperCase(),
        path,
      })),
      parameters: [...new Set(parameters)],
      bodyFields: [
        ...new Set(operations.flatMap(({ operation }) => fieldPaths(doc, requestSchema(doc, operation)))),
      ],
    },
  };
}

const rows: [string, ApiCase][] = discoverApis().map((api) => [api, apiCase(api)]);

/** Each API's page is built once and shared by the tests below that look at it. */
const pages = new Map<string, Promise<string>>();
function pageOf(specPath: string): Promise<string> {
  let html = pages.get(specPath);
  if (!html) {
    html = renderReferenceDocs(specPath);
    pages.set(specPath, html);
  }
  return html;
}

let scratch: string;
/** The one browser of the file, started with the renders rather than after them. */
let chromiumContext: Promise<BrowserContext> | undefined;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'reference-docs-test-'));
  // The pages queue in the build-docs thread: start them all at once rather than one per test.
  for (const [, { given }] of rows) void pageOf(given.specPath).catch(() => undefined);
  chromiumContext = launchChromium(join(scratch, 'chromium-profile'));
  // Reported by the tests that use it.
  chromiumContext.catch(() => undefined);
});
afterAll(async () => {
  await chromiumContext?.then(
    (context) => context.close(),
    () => undefined,
  );
  await removeDir(scratch);
});

/** A persistent context on a fresh profile directory: no state from an earlier run or another user. */
async function launchChromium(profileDir: string): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM)) throw new Error(CHROMIUM_MISSING);
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
  });
  // No fixed time for any navigation, wait, click or screenshot (Playwright's default is 30 s,
  // exceeded by a page load on a busy machine): each waits on its event, and vitest's
  // testTimeout is the one safety net.
  context.setDefaultTimeout(0);
  context.setDefaultNavigationTimeout(0);
  return context;
}

// One API is enough to show the renderer adds nothing from the machine; the others cost a second each.
describe('reference docs are deterministic', () => {
  it.each(rows.slice(0, 1))(
    '%s: the same bytes in another time zone and locale, from another directory',
    async (api, { given }) => {
      const elsewhere = join(scratch, 'elsewhere', api);
      await mkdir(elsewhere, { recursive: true });
      const moved = join(elsewhere, basename(given.specPath));
      await copyFile(given.specPath, moved);
      // UTC+14 and a German locale: a date or number formatted at build time would differ.
      const env = { ...process.env, TZ: 'Pacific/Kiritimati', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' };
      const [here, there] = await Promise.all([pageOf(given.specPath), renderReferenceDocs(moved, { env })]);
      expect(there === here, `${api}: the page differs between the two builds`).toBe(true);
    },
  );
});

describe('reference docs render offline in Chromium', () => {
  let browser: BrowserContext;

  beforeAll(async () => {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    browser = await chromiumContext!;
  });

  it.concurrent.for(rows)(
    '%s: every operation and every request field, with nothing fetched',
    async ([api, { given, want }], { expect }) => {
      const file = join(scratch, 'pages', api, 'index.html');
      await mkdir(join(scratch, 'pages', api), { recursive: true });
      await writeFile(file, await pageOf(given.specPath));

      const page = await browser.newPage();
      try {
        const seen = await watch(page);
        await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });

        // Redoc hydrates the server-rendered page after `load`; the heading is back once it is done.
        // Its accessible name starts with its anchor link's label: "link to Update Agent Update Agent".
        for (const operation of want.operations) {
          const heading = new RegExp(`(^|\\s)${escapeRegExp(operation.summary)}$`);
          // A 2.5 MB page hydrating takes seconds, many more on a loaded machine.
          await page.getByRole('heading', { level: 2, name: heading }).first().waitFor();
          const endpoint = new RegExp(`^\\s*${operation.method}\\s*${escapeRegExp(operation.path)}\\s*$`);
          expect(
            await page.getByRole('button', { name: endpoint }).count(),
            `${operation.method} ${operation.path}`,
          ).toBeGreaterThan(0);
        }

        await expandAll(page);
        expect(want.bodyFields.length, 'the spec has request body fields').toBeGreaterThan(0);
        // The fields an "Expand all" opens render after its button turns to "Collapse all", seconds
        // later on a loaded machine: the page is read again at each change of its DOM until they are
        // there (vitest's testTimeout the one bound), then checked.
        await waitForRequestFields(page, {
          body: want.bodyFields.map(asRendered),
          parameters: want.parameters,
        });
        const rendered = await renderedRequestFields(page);
        expect(
          {
            body: want.bodyFields.filter((field) => !rendered.body.has(asRendered(field))),
            parameters: want.parameters.filter((parameter) => !rendered.parameters.has(parameter)),
          },
          'request fields missing from the page',
        ).toEqual({ body: [], parameters: [] });

        // JPEG: Chromium encodes a whole page (1280 by 5,000 to 7,500 pixels) as PNG in about a
        // second more CPU for the four, measured side by side; the text stays legible at 80.
        await page.screenshot({
          path: join(SCREENSHOT_DIR, `${api}.jpg`),
          fullPage: true,
          type: 'jpeg',
          quality: 80,
        });

        const refused = (
          await page.evaluate(() => (window as unknown as WindowWithCsp).__cspRefusals)
        ).filter((refusal) => !EXPECTED_CSP_REFUSALS.some((expected) => expected.test(refusal)));
        expect(seen.blockedRequests, 'requests the page tried to send off the machine').toEqual([]);
        expect(refused, 'resources the page wanted and its CSP refused').toEqual([]);
        expect(seen.errors, 'uncaught errors in the page').toEqual([]);
      } finally {
        await page.close();
      }
    },
  );
});

describe('build-docs in a thread', () => {
  // Else every page is rendered by a CLI process of its own, as before: right, but a second each.
  it("finds the installed CLI's build-docs handler and config loader", () => {
    const cliDir = dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json'));
    expect(buildDocsEntry(cliDir)).toEqual({
      handler: expect.stringMatching(/^file:.*\/lib\/chunks\/[^/]+\.js$/),
      config: expect.stringMatching(/^file:.*\/lib\/chunks\/[^/]+\.js$/),
      loadConfig: expect.stringMatching(/^[\w$]+$/),
    });
  });
});

describe('wrong input gets an error naming the spec', () => {
  const wrongInputs: [string, { given: string | undefined; want: RegExp }][] = [
    ['a missing spec file', { given: undefined, want: /^broken\.yaml: .*spec file does not exist/ }],
    [
      'unparseable YAML',
      { given: 'openapi: [3.1.0\n', want: /^broken\.yaml: redocly build-docs failed .*: .+/ },
    ],
  ];

  it.each(wrongInputs)('%s', async (_name, { given, want }) => {
    const dir = await mkdtemp(join(scratch, 'wrong-'));
    const specPath = join(dir, 'broken.yaml');
    if (given !== undefined) await writeFile(specPath, given);
    const error = await renderReferenceDocs(specPath, { displayPath: 'broken.yaml' }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(GenerateError);
    expect((error as GenerateError).message).toMatch(want);
  });
});

describe('refreshReferenceDocs', () => {
  // Three renders, a `redocly build-docs` process each: about 10 s in all on an idle machine, three
  // to four times that on a loaded one. The bound is a safety net; each step waits on its process.
  it('renders again a page cut short (a run killed while writing it), and reports a page it cannot write in one line', async () => {
    const outDir = await mkdtemp(join(scratch, 'refresh-'));
    await copyFile(join(ROOT, 'generated', 'diga', 'openapi.json'), join(outDir, 'openapi.json'));
    const target = { outDir, displayDir: 'generated/diga' };
    const page = join(outDir, 'docs', 'index.html');

    expect(await refreshReferenceDocs([target])).toEqual(['generated/diga']);
    const whole = await readFile(page, 'utf8');
    expect(await refreshReferenceDocs([target])).toEqual([]);
    await writeFile(page, whole.slice(0, whole.length / 2));
    expect(await refreshReferenceDocs([target])).toEqual(['generated/diga']);
    expect(await readFile(page, 'utf8')).toBe(whole);

    await rm(join(outDir, 'docs'), { recursive: true });
    await writeFile(join(outDir, 'docs'), 'a file where the folder goes\n');
    const error = await refreshReferenceDocs([target]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GenerateError);
    expect((error as GenerateError).message).toMatch(
      /^generated\/diga\/docs\/index\.html: cannot write the reference page: E[A-Z]+: [^/]+ \(the packages were written\)$/,
    );
  }, 300_000);
});

interface WindowWithCsp {
  __cspRefusals: string[];
}

interface PageWatch {
  /** Requests to anything but the page's own file (and localhost), refused before they left. */
  blockedRequests: string[];
  errors: string[];
}

/** Refuses every request that would leave the machine and records it, with CSP refusals and page errors. */
async function watch(page: Page): Promise<PageWatch> {
  const seen: PageWatch = { blockedRequests: [], errors: [] };
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    const local = url.protocol === 'file:' || url.hostname === 'localhost' || url.hostname === '127.0.0.1';
    if (local) return route.continue();
    seen.blockedRequests.push(url.href);
    return route.abort('blockedbyclient');
  });
  // The policy stops a request before the network layer, where `route` would see it: listen for it.
  await page.addInitScript(() => {
    const target = window as unknown as WindowWithCsp;
    target.__cspRefusals = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      target.__cspRefusals.push(`${event.effectiveDirective} ${event.blockedURI}`);
    });
  });
  await page.addInitScript(installRequestFieldReader);
  page.on('pageerror', (error) => seen.errors.push(error.message));
  return seen;
}

/**
 * Redoc shows nested fields collapsed; its "Expand all" buttons (one per body) open them, each
 * turning into "Collapse all". A click lands only on a button React has hydrated (one before is
 * lost), and React may replace a button while it renders: so each click goes to a button React owns,
 * and is followed by waiting until that button says otherwise or is gone, never by a fixed pause.
 */
async function expandAll(page: Page): Promise<void> {
  // Each wait is for something the page does, with no bound of its own (the context's timeout is 0).
  for (;;) {
    // The first "Expand all" button React owns, or 'none' once there is no such button at all.
    const next = await page.waitForFunction(() => {
      const buttons = [...document.querySelectorAll('button')].filter(
        (button) => button.textContent?.trim() === 'Expand all',
      );
      if (buttons.length === 0) return 'none';
      return buttons.find((button) => Object.keys(button).some((key) => key.startsWith('__reactProps$')));
    });
    const button = next.asElement();
    if (button === null) return;
    // A click React drops while it is still hydrating (seen with both cores busy) is sent again
    // until the button answers: "Expand all" twice is the same as once.
    for (;;) {
      await button.click();
      const answered = await page
        .waitForFunction(
          (clicked) => !clicked.isConnected || clicked.textContent?.trim() !== 'Expand all',
          button,
          { timeout: RECLICK_AFTER_MS },
        )
        .then(
          () => true,
          (error: unknown) => {
            if (error instanceof errors.TimeoutError) return false;
            throw error;
          },
        );
      if (answered) break;
    }
  }
}

/** How long a click may go unanswered before it is sent again (not a bound: vitest's testTimeout is). */
const RECLICK_AFTER_MS = 5_000;

interface RequestFields {
  body: string[];
  parameters: string[];
}

interface WindowWithFields {
  __requestFields(): RequestFields;
}

/**
 * Installed in the page before its scripts run (`addInitScript`): `__requestFields()` reads the
 * request fields Redoc renders, for `waitForRequestFields` in the page and `renderedRequestFields`.
 *
 * Redoc gives every schema property an anchor id naming its place, lower-cased:
 * `<operation>/t=request&path=tools[]/name` for a body field (`&oneof=0` marks the variant shown),
 * `<operation>/t=request&in=path&path=agent_id` for a parameter. The id gives the place, the
 * property's `.schema-name` the exact spelling of its own name: `tools[].toolId`, `path agentId`.
 */
function installRequestFieldReader(): void {
  (window as unknown as WindowWithFields).__requestFields = () => {
    const body: string[] = [];
    const parameters: string[] = [];
    for (const element of document.querySelectorAll('.schema-property-item')) {
      const id = element.id;
      const name = element.querySelector('.schema-name')?.textContent?.trim() ?? '';
      const marker = id.indexOf('/t=request&');
      if (marker < 0 || name === '') continue;
      const place = id.slice(marker + '/t=request&'.length);
      const parameter = /^in=([^&]+)&path=/.exec(place);
      if (parameter) {
        parameters.push(`${parameter[1]} ${name}`);
        continue;
      }
      const segments = place
        .replace(/^path=/, '')
        .replace(/&oneof=\d+/g, '')
        .split('/')
        .filter((segment) => segment !== '');
      // The id and the shown name disagreeing would mean this reading of Redoc's DOM is out of date.
      if (segments.pop() !== name.toLowerCase())
        throw new Error(`Redoc property ${id} shows the name ${name}`);
      body.push([...segments, name].join('.'));
    }
    return { body, parameters };
  };
}

async function renderedRequestFields(page: Page): Promise<{ body: Set<string>; parameters: Set<string> }> {
  const { body, parameters } = await page.evaluate(() =>
    (window as unknown as WindowWithFields).__requestFields(),
  );
  return { body: new Set(body), parameters: new Set(parameters) };
}

/**
 * Until the page renders every field wanted (in `renderedRequestFields`' form), read again at each
 * change of its DOM (a MutationObserver's, no polling and no bound but vitest's testTimeout). A page
 * caught halfway through a render is read again at the next change; what it finally renders is for
 * the test to check.
 */
async function waitForRequestFields(page: Page, want: RequestFields): Promise<void> {
  await page.evaluate(
    (wanted) =>
      new Promise<void>((resolve) => {
        const complete = () => {
          try {
            const rendered = (window as unknown as WindowWithFields).__requestFields();
            return (
              wanted.body.every((field) => rendered.body.includes(field)) &&
              wanted.parameters.every((parameter) => rendered.parameters.includes(parameter))
            );
          } catch {
            return false;
          }
        };
        if (complete()) return resolve();
        const observer = new MutationObserver(() => {
          if (!complete()) return;
          observer.disconnect();
          resolve();
        });
        observer.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
      }),
    want,
  );
}

/** A spec field path in the form `renderedRequestFields` gives it: parents lower-cased, leaf as written. */
function asRendered(field: string): string {
  const segments = field.split('.');
  const leaf = segments.pop()!;
  return [...segments.map((segment) => segment.toLowerCase()), leaf].join('.');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
