/**
 * Points the run's temporary folders (`os.tmpdir()`, in the workers and in every process a test
 * starts: npm, git, Prism, Chromium, the command line) at a folder of its own on Linux's memory
 * file system (`/dev/shm`) when the machine has a usable one and TMPDIR is not set, and removes
 * that folder once the run ends. The tests create some tens of thousands of files there (copies
 * of the repository, npm installs, a git repository, browser profiles) and delete them again: on
 * this machine's ext4 disk, which has no journal, each new file's inode is chosen past every inode
 * freed in the last minute or more (`recently_deleted` in the kernel's `find_inode_bit`), so a new
 * file cost about a millisecond of kernel time once the tests had deleted a few thousand, and each
 * deletion made the next creations slower for everyone. Measured on the seven test files that
 * create the most (compiled, cli/noop, compiled-worker, release, install, commonjs,
 * reference-docs), two runs each, alternately: 9.1 to 9.3 system CPU-s in /tmp, 5.9 here; 7,500
 * inodes allocated on the disk, 194 here.
 *
 * The set-up runs in vitest's main process before any worker starts, which inherits the
 * environment. A second project's set-up in the same run finds the first one's folder and does
 * nothing. The folder's name holds the pid of the run's main process: a run that was killed before
 * it could remove its folder leaves it in memory, and the next run's set-up removes it.
 */
import { accessSync, constants, readFileSync, statfsSync } from 'node:fs';
import { mkdtemp, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { removeDir } from './files.js';

/** Set to the run's folder by the set-up that made it. */
const RUN_TMPDIR = 'VOICE_AGENT_SDKS_TEST_TMPDIR';

/** `voice-agent-sdks-tests-<pid>-<random>`. */
const PREFIX = 'voice-agent-sdks-tests-';

/** Linux's memory file system (`statfs`'s type for it). */
const TMPFS_MAGIC = 0x01021994;

export default async function setup(): Promise<() => Promise<void>> {
  const none = async () => undefined;
  if (process.env[RUN_TMPDIR] !== undefined || process.env['TMPDIR']) return none;
  const root = memoryFileSystem();
  if (root === undefined) return none;
  await removeLeftovers(root);
  const dir = await mkdtemp(join(root, `${PREFIX}${process.pid}-`));
  process.env['TMPDIR'] = dir;
  process.env[RUN_TMPDIR] = dir;
  return async () => {
    delete process.env['TMPDIR'];
    delete process.env[RUN_TMPDIR];
    await removeDir(dir);
  };
}

/** The folders of earlier runs whose main process is gone (killed before its teardown). */
async function removeLeftovers(root: string): Promise<void> {
  const left = (await readdir(root)).filter((name) => {
    const pid = name.startsWith(PREFIX) ? Number(/^(\d+)-/.exec(name.slice(PREFIX.length))?.[1] ?? 0) : 0;
    return pid > 0 && pid !== process.pid && !running(pid);
  });
  await Promise.all(left.map((name) => removeDir(join(root, name))));
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * `/dev/shm` when it is a memory file system with a gigabyte free, that may be written and that
 * runs programs (Docker mounts it `noexec`: a package's scripts, git hooks and the like could not
 * run there); else undefined.
 */
function memoryFileSystem(dir = '/dev/shm'): string | undefined {
  try {
    const { type, bavail, bsize } = statfsSync(dir);
    if (type !== TMPFS_MAGIC || bavail * bsize < 2 ** 30) return undefined;
    accessSync(dir, constants.W_OK);
    const mount = readFileSync('/proc/self/mounts', 'utf8')
      .split('\n')
      .map((line) => line.split(' '))
      .findLast(([, point]) => point === dir);
    return mount && !mount[3]?.split(',').includes('noexec') ? dir : undefined;
  } catch {
    return undefined;
  }
}
