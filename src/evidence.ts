// Evidence files named in the profile: they must exist and stay inside the audited folder. A path
// that leaves it (../, an absolute path, a symbolic link pointing outside) is a finding and is never
// opened; nothing here reads a file's content.
import { lstat, realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { EvidenceItem } from './checks/types.js';
import type { FolderSkip } from './i18n.js';

const inside = (root: string, path: string): boolean => {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
};

/** The longest evidence path looked up (the profile schema's maxLength for an evidence item). */
export const EVIDENCE_PATH_CHARS = 1000;

export async function resolveEvidence(dir: string, paths: readonly string[]): Promise<EvidenceItem[]> {
  const root = await realpath(dir).catch(() => resolve(dir));
  const items: EvidenceItem[] = [];
  for (const path of paths) {
    if (typeof path !== 'string') continue; // the profile's check reported it and left it out
    if (path.length > EVIDENCE_PATH_CHARS) {
      items.push({ path, state: 'too-long' });
      continue;
    }
    if (isAbsolute(path) || /^[a-zA-Z]:[\\/]/.test(path) || path.startsWith('\\\\')) {
      items.push({ path, state: 'outside' });
      continue;
    }
    const full = resolve(root, path);
    if (!inside(root, full)) {
      items.push({ path, state: 'outside' });
      continue;
    }
    try {
      await lstat(full);
    } catch (error) {
      items.push({ path, state: (error as NodeJS.ErrnoException).code === 'ENAMETOOLONG' ? 'too-long' : 'missing' });
      continue;
    }
    // Follow links only to see where they lead.
    const real = await realpath(full).catch(() => null);
    items.push({ path, state: real === null ? 'missing' : inside(root, real) ? 'present' : 'outside' });
  }
  return items;
}

/**
 * What an entry of the audited folder is, by the same rule as evidence, before anything opens it:
 * a regular file (or a link to one that stays inside the folder) is read; a link that leaves the
 * folder or leads nowhere, and anything that is not a regular file (a FIFO, a device such as
 * /dev/zero, a socket), is not, and says why. `root` is the folder's real path. Only lstat,
 * realpath and stat: nothing is opened.
 */
export async function classifyEntry(root: string, path: string): Promise<'file' | 'folder' | FolderSkip> {
  let info = await lstat(path).catch(() => null);
  if (info === null) return 'broken-link';
  if (info.isSymbolicLink()) {
    const real = await realpath(path).catch(() => null);
    if (real === null) return 'broken-link';
    if (!inside(root, real)) return 'link-outside';
    info = await stat(path).catch(() => null);
    if (info === null) return 'broken-link';
  }
  if (info.isFile()) return 'file';
  if (info.isDirectory()) return 'folder';
  return 'not-regular-file';
}
