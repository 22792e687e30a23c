/**
 * A large document's types made in two threads: openapi-typescript's transform of the operations
 * (`paths` and `webhooks`, and the `operations` and helper types they declare after the roots) in a
 * worker thread, of the `components` in this one, each printed where it was made (the nodes cannot
 * cross threads) and put together in the transform's order. On GitHub's 13 MB description the
 * transform and its printing were most of `generate`'s time, in one thread.
 *
 * Each half builds the transform's context from the whole document (references and discriminators
 * are read anywhere); the halves then differ from one transform only in the helper types both
 * declare (`WithRequired`), which the transform declares once, where first needed, and in the
 * `operations` placeholder, printed only when neither half declares operations. Path items under
 * `components` would declare operations in the components half: such a document is made in one
 * thread. test/pipeline/orchestration/type-halves.test.ts holds the result to one thread's, byte for byte.
 */
import { availableParallelism } from 'node:os';
import ts from 'typescript';
import { isObject, type JsonObject } from '../../shared/openapi.js';
import { startTask, type RunningTask } from '../../shared/worker.js';
import { printTypes, type PrintedTypes } from '../postprocess/index.js';
import { generateTypeNodes, transformTypes, TRANSFORMED_ROOTS, typeTransformError } from '../types/index.js';
import type { LoadedSpec } from '../load/index.js';

/** Below this, a thread's start-up (about 0.3 s) costs more than it saves. */
const WORTH_A_THREAD_BYTES = 1_000_000;

const OPERATION_ROOTS: readonly string[] = ['paths', 'webhooks'];
const COMPONENT_ROOTS: readonly string[] = ['components', '$defs'];

/** One half's statements, printed: its roots, then what the transform declared after the roots. */
export interface PrintedHalf {
  roots: PrintedTypes;
  /** In the order declared, each with its name. */
  footer: { name: string | undefined; printed: PrintedTypes }[];
  /** `operations` when the half declares none (an empty placeholder). */
  placeholder: PrintedTypes | undefined;
}

export type TypeThread = RunningTask<PrintedHalf, JsonObject>;

/** Whether a document's types are made in two threads (a thread is started before it is read). */
export function typesBeside(spec: LoadedSpec): boolean {
  return spec.bytes.length >= WORTH_A_THREAD_BYTES && availableParallelism() > 1;
}

/** Starts the thread that makes the operations' half once it is sent the document (`typesOf`). */
export function startTypeThread(): TypeThread {
  return startTask<Record<string, never>, PrintedHalf, JsonObject>('operation-types', {});
}

/** The worker's side: the operations' half of the document it is sent (its own copy, which the transform patches). */
export async function operationTypes(inbox: () => Promise<JsonObject>): Promise<PrintedHalf> {
  return printHalf(transformTypes(await inbox(), OPERATION_ROOTS), OPERATION_ROOTS);
}

export interface PendingTypes {
  /** The types printed; rejects with what the transform threw, placed in the spec. */
  printed(): Promise<PrintedTypes>;
}

/**
 * The document's types, printed as `printTypes` prints one transform's: made in two threads when
 * `thread` is given and the document allows, else here. The thread is sent the document now;
 * this thread's half is made when `printed()` is called, so that other work can come first.
 */
export function typesOf(document: JsonObject, spec: LoadedSpec, thread?: TypeThread): PendingTypes {
  const split = thread !== undefined && !hasComponentPathItems(document);
  if (split) thread.send(document);
  return {
    printed: async () => {
      if (!split) return printTypes(await generateTypeNodes(document, spec.locate, spec.displayPath));
      let components: PrintedHalf | undefined;
      let failure: unknown;
      try {
        // The transform patches discriminator enums into what it is given; the caller keeps its copy.
        components = printHalf(transformTypes(structuredClone(document), COMPONENT_ROOTS), COMPONENT_ROOTS);
      } catch (error) {
        failure = error;
      }
      let operations: PrintedHalf;
      try {
        operations = await thread.result;
      } catch (error) {
        // The operations come first in one transform: what fails there is what it would report.
        throw typeTransformError(error, spec.locate, spec.displayPath);
      }
      if (components === undefined) throw typeTransformError(failure, spec.locate, spec.displayPath);
      return joinHalves(operations, components);
    },
  };
}

function hasComponentPathItems(document: JsonObject): boolean {
  const pathItems = isObject(document.components) ? document.components.pathItems : undefined;
  return isObject(pathItems) && Object.keys(pathItems).length > 0;
}

/** A half's statements (the transform's: its four roots, what it declared after them, maybe the placeholder), printed. */
function printHalf(statements: readonly ts.Statement[], roots: readonly string[]): PrintedHalf {
  const own = statements
    .slice(0, TRANSFORMED_ROOTS.length)
    .filter((_, index) => roots.includes(TRANSFORMED_ROOTS[index]!));
  const after = statements.slice(TRANSFORMED_ROOTS.length);
  const last = after.at(-1);
  const placeholder =
    last !== undefined && ts.isTypeAliasDeclaration(last) && last.name.text === 'operations'
      ? last
      : undefined;
  return {
    roots: printTypes(own),
    footer: (placeholder ? after.slice(0, -1) : after).map((statement) => ({
      name: declarationName(statement),
      printed: printTypes([statement]),
    })),
    placeholder: placeholder && printTypes([placeholder]),
  };
}

/** The two halves as one transform prints them: roots in its order, then what both declared after them, once each. */
function joinHalves(operations: PrintedHalf, components: PrintedHalf): PrintedTypes {
  const declared = new Set(operations.footer.map((statement) => statement.name));
  const parts = [
    operations.roots,
    components.roots,
    ...operations.footer.map((statement) => statement.printed),
    ...components.footer
      .filter((statement) => statement.name === undefined || !declared.has(statement.name))
      .map((statement) => statement.printed),
  ];
  // A transform declares `operations` once, or its placeholder: the halves' placeholders agree.
  if (operations.placeholder && components.placeholder) parts.push(operations.placeholder);
  return {
    text: parts.map((part) => part.text).join(''),
    declared: parts.flatMap((part) => part.declared),
  };
}

function declarationName(statement: ts.Statement): string | undefined {
  return ts.isTypeAliasDeclaration(statement) || ts.isInterfaceDeclaration(statement)
    ? statement.name.text
    : undefined;
}
